using System.Text.Json.Serialization;

namespace AgentPlatform.Llm.Tools;

/// <summary>An MCP server whose tools an LLM agent may call: a command started with stdio transport, or an HTTP endpoint.</summary>
/// <remarks>Its tools are offered to the model as <c>&lt;name&gt;_&lt;tool&gt;</c>.</remarks>
public sealed class LlmMcpServerOptions
{
    /// <summary>The server's name, unique per agent; the prefix of its tools' names.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The executable to start (stdio transport); null for an HTTP server.</summary>
    [JsonPropertyName("command")]
    public string? Command { get; set; }

    /// <summary>The command's arguments.</summary>
    [JsonPropertyName("args")]
    public List<string> Args { get; set; } = [];

    /// <summary>The server's HTTP endpoint (streamable HTTP or SSE); null for a stdio server.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
