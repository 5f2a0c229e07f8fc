namespace AgentPlatform.Agents.Requests;

/// <summary>How a request ended for its sender: the reply, or expiry.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Replied">True when the recipient replied in time.</param>
/// <param name="Content">The reply's content, when replied.</param>
public sealed record AgentReply(string RequestId, bool Replied, string? Content);
