namespace AgentPlatform.Workflows.Decisions;

internal enum OutboxKind
{
    ScheduleTask,
    CreateTimer,
    CancelTimer,
    SkipStep,
    JoinBranches,
    RecordItems,
    RecordPlan,
    CompleteWorkflow,
    FailWorkflow,
}
