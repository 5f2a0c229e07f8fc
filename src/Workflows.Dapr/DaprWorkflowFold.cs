using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>An instance's platform history as the orchestrator published it, completed with what only Dapr knows (a
/// termination, or an orchestration that failed outside the decider), and the state the decider folds from it.</summary>
internal sealed record DaprWorkflowFold(IReadOnlyList<WorkflowEvent> History, WorkflowInstanceState State)
{
    public static DaprWorkflowFold Of(
        StepEngineInput input, IReadOnlyList<WorkflowEvent> published, WorkflowRuntimeStatus runtimeStatus, DateTimeOffset updatedAt, string? output, string? failure)
    {
        var execution = new WorkflowDecider(input.Definition.Definition).CreateExecution();
        execution.ApplyRange(published);
        var history = published;
        if (runtimeStatus == WorkflowRuntimeStatus.Terminated && execution.Status == WorkflowStatus.Running)
        {
            var terminated = new WorkflowTerminated { Reason = output ?? "terminated", Sequence = published.Count + 1, Timestamp = updatedAt };
            execution.Apply(terminated);
            history = [.. published, terminated];
        }

        var state = execution.GetState();
        if (runtimeStatus == WorkflowRuntimeStatus.Failed && state.Status == WorkflowStatus.Running)
        {
            state = state with { Status = WorkflowStatus.Failed, Error = failure ?? "The Dapr orchestration failed.", EndedAt = updatedAt };
        }

        return new DaprWorkflowFold(history, state);
    }

    public static WorkflowStarted Started(StepEngineInput input, DateTimeOffset at) => new()
    {
        Sequence = 1,
        Timestamp = at,
        InstanceId = input.InstanceId,
        DefinitionId = input.Definition.Definition.Id,
        DefinitionVersion = input.Definition.Definition.Version,
        Input = input.Input,
        ParentTaskId = input.ParentTaskId,
    };

    public static WorkflowInstanceSummary Summary(WorkflowInstanceId instanceId, WorkflowInstanceState state, DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        DefinitionId = state.DefinitionId,
        DefinitionVersion = state.DefinitionVersion,
        Status = state.Status,
        CreatedAt = state.StartedAt ?? now,
        EndedAt = state.EndedAt,
    };
}
