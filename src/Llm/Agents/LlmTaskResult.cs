using System.Text.Json;
using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Agents;

/// <summary>What an LLM agent produced for one task.</summary>
/// <param name="Output">The task output: the reply text as a JSON string, or the reply parsed as JSON when a response schema is set.</param>
/// <param name="Usage">The tokens and cost of the call.</param>
public sealed record LlmTaskResult(JsonElement Output, LlmUsage Usage);
