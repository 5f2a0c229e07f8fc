namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Answer of <c>POST /api/v1/workflows/instances/purge</c>.</summary>
public sealed record PurgeView(int Purged);
