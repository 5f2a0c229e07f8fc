using AgentPlatform.Llm.Tools;

namespace AgentPlatform.Llm.Agents;

/// <summary>One LLM agent: which model it calls where, how it is prompted, and what work it takes.</summary>
/// <remarks>Bound from <c>Llm:Agents:&lt;name&gt;</c>; the agent's id is <c>llm/&lt;name&gt;</c>. The API key is never logged nor
/// returned by any API.</remarks>
public sealed class LlmAgentOptions
{
    /// <summary>The base URL of the OpenAI-compatible API, usually ending in <c>/v1</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model asked for.</summary>
    public string Model { get; set; } = "";

    /// <summary>The system prompt sent before every task's input; none when empty.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>The sampling temperature; the provider's default when null.</summary>
    public float? Temperature { get; set; }

    /// <summary>The most tokens one reply may have; also the output side of a call's worst case for budgets.</summary>
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>Capability name to proficiency in [0, 1], as the registry matches them.</summary>
    public Dictionary<string, double> Capabilities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many tasks the agent runs at once (one actor turn each, so one at a time per agent).</summary>
    public int MaxConcurrentTasks { get; set; } = 1;

    /// <summary>A JSON schema the reply must follow (structured output); the task output is then the reply parsed as JSON.</summary>
    public string? ResponseSchema { get; set; }

    /// <summary>True to stream replies (server-sent events) instead of waiting for the whole body.</summary>
    public bool Stream { get; set; }

    /// <summary>The API key, sent as a bearer token; empty when the endpoint needs none or it comes from <see cref="ApiKeySecret"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The channels the agent is a member of: it joins them at start-up and answers posts that mention it
    /// (<c>@name</c>); its channel tools may post to and read only these.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>The platform functions offered to the model as tools (<c>post_to_channel</c>, <c>read_channel</c>, <c>ask_agent</c>).</summary>
    public List<string> Tools { get; set; } = [];

    /// <summary>MCP servers whose tools are offered to the model.</summary>
    public List<LlmMcpServerOptions> McpServers { get; set; } = [];

    /// <summary>The most tool rounds (a model reply asking for tools, answered with their results) of one task or answer; a reply
    /// asking for more fails the task with <c>tool_rounds_exceeded</c>.</summary>
    public int MaxToolRounds { get; set; } = 8;

    /// <summary>In Dapr mode, the name of the secret in the Dapr secret store holding the API key; a configured
    /// <see cref="ApiKey"/> wins.</summary>
    public string? ApiKeySecret { get; set; }
}
