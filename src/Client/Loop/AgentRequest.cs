using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client.Loop;

/// <summary>A request from another agent waiting for this agent's reply.</summary>
/// <param name="RequestId">The id to reply to.</param>
/// <param name="From">The asking agent's id.</param>
/// <param name="Content">The request text.</param>
/// <param name="ExpiresAt">After this a reply is refused.</param>
/// <param name="Delivery">The inbox delivery that carried the request.</param>
public sealed record AgentRequest(string RequestId, string From, string Content, DateTimeOffset ExpiresAt, Delivery Delivery);
