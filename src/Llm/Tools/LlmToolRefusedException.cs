namespace AgentPlatform.Llm.Tools;

/// <summary>A platform function refused a call the agent is not allowed to make (a channel it is not a member of, itself as the
/// agent to ask); the model is told why and the call is recorded as <c>refused</c>.</summary>
public sealed class LlmToolRefusedException(string message) : Exception(message);
