using AgentPlatform.DaprSidecar.Workflows.Protocol;

namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>What a worker answered when shown an instance's recorded history again.</summary>
/// <param name="Actions">Each action's kind, in action-id order (for example <c>ScheduleTask</c>, <c>CompleteWorkflow</c>).</param>
/// <param name="CompletionStatus">The status of a <c>CompleteWorkflow</c> action, if the answer has one.</param>
/// <param name="CompletionResult">The result of that action.</param>
/// <param name="RecordedResult">The output the instance recorded when it really finished.</param>
public sealed record WorkflowReplay(IReadOnlyList<string> Actions, string? CompletionStatus, string? CompletionResult, string? RecordedResult)
{
    internal static WorkflowReplay From(WorkflowResponse response, string? recordedResult)
    {
        var completion = response.Actions.Select(a => a.CompleteWorkflow).FirstOrDefault(c => c is not null);
        return new WorkflowReplay(
            response.Actions.OrderBy(a => a.Id).Select(a => a.WorkflowActionTypeCase.ToString()).ToList(),
            completion?.WorkflowStatus.ToString(),
            completion?.Result,
            recordedResult);
    }
}
