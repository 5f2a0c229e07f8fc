namespace AgentPlatform.DaprSidecar.Tests.PubSub;

/// <summary>A published test payload; <see cref="Behavior"/> tells the subscriber how to answer.</summary>
public sealed record Order(string Id, string Behavior);
