using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Child workflows: the attempts of <c>workflow</c> steps run as tasks whose "agent" is a child instance.</summary>
public sealed partial class WorkflowExecution
{
    /// <summary>Why the child id of <paramref name="plan"/> cannot be formed (longer than an instance id may be), or null.</summary>
    private string? ChildIdTooLong(PlanStep plan) =>
        _instanceId.TryChild(plan.Ref, out _)
            ? null
            : $"the child workflow id '{_instanceId.ChildText(plan.Ref)}' would be longer than {WorkflowInstanceId.MaxLength} characters";
}
