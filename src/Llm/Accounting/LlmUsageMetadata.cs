using System.Text.Json;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Llm.Agents;

namespace AgentPlatform.Llm.Accounting;

/// <summary>An LLM answer's usage as it travels with a message or a reply: metadata <c>{"llm_usage": {...}}</c> in the shape of a task's
/// usage (tokens, cost, tool calls).</summary>
public static class LlmUsageMetadata
{
    /// <summary>The metadata property that holds the usage.</summary>
    public const string Property = "llm_usage";

    /// <summary>The metadata recording <paramref name="result"/>'s usage and tool calls.</summary>
    public static JsonElement Of(LlmTaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.SerializeToElement(new Dictionary<string, AgentTaskUsage> { [Property] = result.ToTaskUsage() });
    }

    /// <summary>The usage <paramref name="metadata"/> records, or null when it records none.</summary>
    public static LlmUsage? Read(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(Property, out var usage)
        && usage.Deserialize<AgentTaskUsage>() is { } spent
            ? new LlmUsage(spent.InputTokens, spent.OutputTokens, spent.Estimated, spent.Cost)
            : null;
}
