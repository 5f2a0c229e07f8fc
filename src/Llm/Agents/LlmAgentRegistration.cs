using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Llm.Tools;

namespace AgentPlatform.Llm.Agents;

/// <summary>An LLM agent registered through the operator API: the same settings as a configured agent, except that the API key is
/// never part of it, only a reference to where the key is kept.</summary>
/// <param name="Endpoint">The base URL of the OpenAI-compatible API.</param>
/// <param name="Model">The model asked for.</param>
/// <param name="SystemPrompt">Sent before every task's input.</param>
/// <param name="Temperature">The sampling temperature; the provider's default when null.</param>
/// <param name="MaxOutputTokens">The most tokens per reply (default 1024).</param>
/// <param name="Capabilities">Capability name to proficiency in [0, 1].</param>
/// <param name="MaxConcurrentTasks">The task limit declared to the registry (default 1).</param>
/// <param name="ResponseSchema">A JSON schema object for structured output.</param>
/// <param name="Stream">True to stream replies.</param>
/// <param name="ApiKeyRef">The name of the key under <c>Llm:Keys</c> in the host's configuration.</param>
/// <param name="ApiKeySecret">In Dapr mode, the secret of the Dapr secret store holding the key.</param>
/// <param name="Channels">The channels the agent is a member of.</param>
/// <param name="Tools">The platform functions offered to the model.</param>
/// <param name="McpServers">MCP servers whose tools are offered to the model; a stdio command must be allowed by <c>Llm:McpCommands</c>.</param>
/// <param name="MaxToolRounds">The most tool rounds per task (default 8).</param>
public sealed record LlmAgentRegistration(
    [property: JsonPropertyName("endpoint")] string? Endpoint,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("system_prompt")] string? SystemPrompt = null,
    [property: JsonPropertyName("temperature")] float? Temperature = null,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens = null,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double>? Capabilities = null,
    [property: JsonPropertyName("max_concurrent_tasks")] int? MaxConcurrentTasks = null,
    [property: JsonPropertyName("response_schema")] JsonElement? ResponseSchema = null,
    [property: JsonPropertyName("stream")] bool? Stream = null,
    [property: JsonPropertyName("api_key_ref")] string? ApiKeyRef = null,
    [property: JsonPropertyName("api_key_secret")] string? ApiKeySecret = null,
    [property: JsonPropertyName("channels")] IReadOnlyList<string>? Channels = null,
    [property: JsonPropertyName("tools")] IReadOnlyList<string>? Tools = null,
    [property: JsonPropertyName("mcp_servers")] IReadOnlyList<LlmMcpServerOptions>? McpServers = null,
    [property: JsonPropertyName("max_tool_rounds")] int? MaxToolRounds = null)
{
    /// <summary>The agent's options with <paramref name="apiKey"/> as its key.</summary>
    public LlmAgentOptions ToOptions(string apiKey) => new()
    {
        Endpoint = Endpoint ?? "",
        Model = Model ?? "",
        SystemPrompt = SystemPrompt,
        Temperature = Temperature,
        MaxOutputTokens = MaxOutputTokens ?? new LlmAgentOptions().MaxOutputTokens,
        Capabilities = new Dictionary<string, double>(Capabilities ?? new Dictionary<string, double>(), StringComparer.Ordinal),
        MaxConcurrentTasks = MaxConcurrentTasks ?? 1,
        ResponseSchema = ResponseSchema is { ValueKind: JsonValueKind.Object } schema ? schema.GetRawText() : null,
        Stream = Stream ?? false,
        ApiKey = apiKey,
        Channels = [.. Channels ?? []],
        Tools = [.. Tools ?? []],
        McpServers = [.. McpServers ?? []],
        MaxToolRounds = MaxToolRounds ?? new LlmAgentOptions().MaxToolRounds,
    };
}
