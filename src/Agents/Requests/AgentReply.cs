using System.Text.Json;

namespace AgentPlatform.Agents.Requests;

/// <summary>How a request ended for its sender: the reply, or expiry.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Replied">True when the recipient replied in time.</param>
/// <param name="Content">The reply's content, when replied.</param>
/// <param name="Metadata">What the recipient recorded with its reply, as a JSON object (an LLM agent's reply carries its usage under
/// <c>llm_usage</c>); null for none.</param>
public sealed record AgentReply(string RequestId, bool Replied, string? Content, JsonElement? Metadata = null);
