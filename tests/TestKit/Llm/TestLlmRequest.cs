namespace AgentPlatform.TestKit.Llm;

/// <summary>One request the test LLM server received and how it answered.</summary>
/// <param name="At">When it arrived (the server's clock).</param>
/// <param name="ApiKey">The bearer token it carried, if any.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="Stream">True when a streamed reply was asked for.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Fault">The scripted fault answered, if any.</param>
public sealed record TestLlmRequest(DateTimeOffset At, string? ApiKey, string Model, bool Stream, int Status, TestLlmFault? Fault)
{
    /// <summary>The request's messages as <c>role: text</c> (a tool call as <c>assistant: call name(arguments)</c>); empty unless
    /// <see cref="TestLlmScript.RecordMessages"/> is on.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>The names of the tools the request offered; empty unless <see cref="TestLlmScript.RecordMessages"/> is on.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];
}
