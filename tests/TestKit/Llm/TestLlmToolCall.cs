namespace AgentPlatform.TestKit.Llm;

/// <summary>A scripted tool call of the test LLM server (see <see cref="TestLlmScript.AddToolCall"/>).</summary>
/// <param name="Trigger">Text the last user message must contain.</param>
/// <param name="Tool">The tool to call; only when the request offers a tool of that name.</param>
/// <param name="Arguments">The call's arguments as a JSON object.</param>
/// <param name="Repeat">True to call the tool again after every tool result (a model that never stops calling tools).</param>
public sealed record TestLlmToolCall(string Trigger, string Tool, string Arguments, bool Repeat);
