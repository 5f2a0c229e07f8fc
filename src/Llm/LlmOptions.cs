using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Channels;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Http;

namespace AgentPlatform.Llm;

/// <summary>LLM agents, their endpoints' connections, the governor, prices and budgets (section <see cref="SectionName"/>).</summary>
public sealed class LlmOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Llm";

    /// <summary>The agents by name (the key of agent id <c>llm/&lt;name&gt;</c>).</summary>
    public Dictionary<string, LlmAgentOptions> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>API keys by name, for agents registered through the operator API (which name a key here and never carry one).</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The commands that MCP servers of agents registered through the operator API may start (configured agents may start
    /// any); empty, the default, allows API-registered agents only HTTP MCP servers.</summary>
    public List<string> McpCommands { get; set; } = [];

    /// <summary>How LLM agents take part in channels.</summary>
    public LlmChannelOptions Channels { get; set; } = new();

    /// <summary>How endpoints are connected to.</summary>
    public LlmHttpOptions Http { get; set; } = new();

    /// <summary>How calls are paced per endpoint.</summary>
    public LlmGovernorOptions Governor { get; set; } = new();

    /// <summary>Prices by model name; a model without a price costs nothing and only its tokens count against budgets.</summary>
    public Dictionary<string, LlmPrice> Prices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Spending limits per workflow run.</summary>
    public LlmBudgetOptions Budgets { get; set; } = new();
}
