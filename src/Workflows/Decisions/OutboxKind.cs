namespace AgentPlatform.Workflows.Decisions;

internal enum OutboxKind
{
    ScheduleTask,
    CreateTimer,
    CancelTimer,
    SkipStep,
    JoinBranches,
    CompleteWorkflow,
    FailWorkflow,
}
