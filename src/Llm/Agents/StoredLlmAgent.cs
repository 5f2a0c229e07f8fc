using System.Text.Json.Serialization;

namespace AgentPlatform.Llm.Agents;

/// <summary>A registered LLM agent as stored: its registration and the revision of its last change.</summary>
/// <param name="Registration">The settings.</param>
/// <param name="Revision">1 when the agent is registered, growing by one with every change after.</param>
public sealed record StoredLlmAgent(
    [property: JsonPropertyName("registration")] LlmAgentRegistration Registration,
    [property: JsonPropertyName("revision")] long Revision);

/// <summary>Registers or replaces agent <paramref name="Name"/>.</summary>
internal sealed record PutLlmAgent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("registration")] LlmAgentRegistration Registration);
