using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Llm;

/// <summary>Answer of <c>GET /api/v1/llm/agents</c>: every LLM agent, configured or registered, by name.</summary>
public sealed record LlmAgentListView([property: JsonPropertyName("agents")] IReadOnlyList<LlmAgentView> Agents);
