using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Agents;

/// <summary>Who is talking and on whose account: the agent, the task attempt whose usage the calls make up, and the run whose budget
/// they count against.</summary>
/// <param name="AgentName">The agent's name (the key of <c>Llm:Agents</c> or of its registration).</param>
/// <param name="Agent">The agent's options.</param>
/// <param name="TaskId">The task attempt (or channel answer) the calls belong to.</param>
/// <param name="RunId">The run whose budget the calls count against; null for none.</param>
/// <param name="Price">The model's price; null when it has none.</param>
public sealed record LlmConversation(string AgentName, LlmAgentOptions Agent, string TaskId, string? RunId, LlmPrice? Price);
