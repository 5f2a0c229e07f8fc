using AgentPlatform.Llm.Accounting;

namespace AgentPlatform.Llm.Tools;

/// <summary>A tool's answer that another agent paid for (<c>ask_agent</c> answered by an LLM agent): the model sees <see cref="Text"/>,
/// and the asking task's usage adds <see cref="Usage"/>, so a run's budget counts what it had others spend for it.</summary>
/// <param name="Text">What the model sees.</param>
/// <param name="Usage">What the answering agent spent on it; null when it reported nothing (an agent of another kind).</param>
internal sealed record LlmDelegatedAnswer(string Text, LlmUsage? Usage);
