namespace AgentPlatform.Api;

/// <summary>The log category of the audit log, shared by the HTTP and gRPC APIs so one route or retention rule takes both.</summary>
public static class AuditCategory
{
    /// <summary>The category name.</summary>
    public const string Name = "AgentPlatform.Audit";
}
