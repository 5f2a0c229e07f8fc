using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Tools;

namespace AgentPlatform.AgentHost.Llm;

/// <summary>An LLM agent as the operator API shows it: every setting but the key, and where the key comes from.</summary>
public sealed record LlmAgentView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("agent_id")] string AgentId,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("system_prompt")] string? SystemPrompt,
    [property: JsonPropertyName("temperature")] float? Temperature,
    [property: JsonPropertyName("max_output_tokens")] int MaxOutputTokens,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double> Capabilities,
    [property: JsonPropertyName("max_concurrent_tasks")] int MaxConcurrentTasks,
    [property: JsonPropertyName("response_schema")] JsonElement? ResponseSchema,
    [property: JsonPropertyName("stream")] bool Stream,
    [property: JsonPropertyName("api_key_ref")] string? ApiKeyRef,
    [property: JsonPropertyName("api_key_secret")] string? ApiKeySecret,
    [property: JsonPropertyName("revision")] long? Revision)
{
    /// <summary>The channels the agent is a member of.</summary>
    [JsonPropertyName("channels")]
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The platform functions offered to its model.</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Its MCP servers.</summary>
    [JsonPropertyName("mcp_servers")]
    public IReadOnlyList<LlmMcpServerOptions> McpServers { get; init; } = [];

    /// <summary>The most tool rounds per task.</summary>
    [JsonPropertyName("max_tool_rounds")]
    public int MaxToolRounds { get; init; }

    /// <summary>The view of a configured agent (read-only through the API).</summary>
    public static LlmAgentView Configured(string name, LlmAgentOptions agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var schema = agent.ResponseSchema is { Length: > 0 } text ? JsonDocument.Parse(text).RootElement.Clone() : (JsonElement?)null;
        return new(name, LlmAgentCatalog.AgentIdOf(name), "configuration", agent.Endpoint, agent.Model, agent.SystemPrompt, agent.Temperature, agent.MaxOutputTokens,
            agent.Capabilities, agent.MaxConcurrentTasks, schema, agent.Stream, null, agent.ApiKeySecret, null)
        {
            Channels = agent.Channels,
            Tools = agent.Tools,
            McpServers = agent.McpServers,
            MaxToolRounds = agent.MaxToolRounds,
        };
    }

    /// <summary>The view of an agent registered through the API.</summary>
    public static LlmAgentView Registered(string name, StoredLlmAgent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var options = stored.Registration.ToOptions("");
        var registration = stored.Registration;
        return new(name, LlmAgentCatalog.AgentIdOf(name), "api", options.Endpoint, options.Model, options.SystemPrompt, options.Temperature, options.MaxOutputTokens,
            options.Capabilities, options.MaxConcurrentTasks, registration.ResponseSchema, options.Stream, registration.ApiKeyRef, registration.ApiKeySecret,
            stored.Revision)
        {
            Channels = options.Channels,
            Tools = options.Tools,
            McpServers = options.McpServers,
            MaxToolRounds = options.MaxToolRounds,
        };
    }
}
