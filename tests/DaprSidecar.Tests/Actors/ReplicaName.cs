namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>Which test app replica an actor runs in.</summary>
public sealed record ReplicaName(string Value);
