namespace AgentPlatform.Llm.Accounting;

/// <summary>The GenAI semantic-convention attributes shared by every measurement of one call.</summary>
internal sealed class LlmCallTags(Uri endpoint, string model)
{
    public KeyValuePair<string, object?>[] Common { get; } =
    [
        new("gen_ai.operation.name", "chat"),
        new("gen_ai.provider.name", "openai"),
        new("gen_ai.request.model", model),
        new("server.address", endpoint.Host),
        new("server.port", endpoint.Port),
    ];
}
