using System.Text.Json;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Agents;

/// <summary>What an LLM agent produced for one task.</summary>
/// <param name="Output">The task output: the reply text as a JSON string, or the reply parsed as JSON when a response schema is set.</param>
/// <param name="Usage">The tokens and cost of every round trip to the model.</param>
/// <param name="ToolCalls">The tools the model called, in order.</param>
public sealed record LlmTaskResult(JsonElement Output, LlmUsage Usage, IReadOnlyList<AgentToolCall> ToolCalls)
{
    /// <summary>The usage as a task outcome reports it, tool calls included.</summary>
    public AgentTaskUsage ToTaskUsage() => ToolCalls.Count == 0
        ? Usage.ToTaskUsage()
        : Usage.ToTaskUsage() with { ToolCalls = [.. ToolCalls.Select(c => c.Name)], ToolCallDetails = ToolCalls };
}
