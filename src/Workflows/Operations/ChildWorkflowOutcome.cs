using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Operations;

/// <summary>How both engines turn a child workflow's end into the result of the parent's <c>workflow</c> step attempt.</summary>
public static class ChildWorkflowOutcome
{
    /// <summary>The attempt's result for a finished child: its output when it completed, else a failure naming the child and
    /// its error (or termination reason); null while the child still runs.</summary>
    public static WorkflowTaskResult? ResultOf(string taskId, WorkflowInstanceState child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return child.Status switch
        {
            WorkflowStatus.Completed => WorkflowTaskResult.Success(taskId, child.Output),
            WorkflowStatus.Failed => WorkflowTaskResult.Failure(taskId, $"child workflow '{child.InstanceId}' failed: {child.Error}"),
            WorkflowStatus.Terminated => WorkflowTaskResult.Failure(taskId, $"child workflow '{child.InstanceId}' was terminated: {child.Error}"),
            _ => null,
        };
    }

    /// <summary>The failure of an attempt whose definition (version) is not registered.</summary>
    public static WorkflowTaskResult MissingDefinition(string taskId, ChildWorkflowCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var which = call.Version is { } version ? $"'{call.DefinitionId}' version {version}" : $"'{call.DefinitionId}'";
        return WorkflowTaskResult.Failure(taskId, $"child workflow definition {which} is not registered");
    }

    /// <summary>The failure of an attempt whose input does not match the child definition's <c>inputs</c>.</summary>
    public static WorkflowTaskResult InvalidInput(string taskId, ChildWorkflowCall call, IEnumerable<Definitions.WorkflowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(call);
        return WorkflowTaskResult.Failure(taskId, $"child workflow '{call.InstanceId}' input is invalid: {string.Join("; ", problems)}");
    }
}
