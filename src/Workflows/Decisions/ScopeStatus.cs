namespace AgentPlatform.Workflows.Decisions;

internal enum ScopeStatus
{
    Idle,
    Running,
    Completed,
    Failed,
    Skipped,
    Abandoned,
}
