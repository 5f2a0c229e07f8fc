using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>One step of a compiled definition with everything the decider needs pre-parsed.</summary>
internal sealed class PlanStep
{
    public required int Index { get; init; }

    public required WorkflowStep Step { get; init; }

    public string Id => Step.Id;

    public required int Scope { get; init; }

    public required int Position { get; init; }

    public int[] Dependencies { get; set; } = [];

    public int[] Dependents { get; set; } = [];

    public FailurePolicy Failure { get; set; } = FailurePolicy.Fail;

    public int GotoPosition { get; set; } = -1;

    public AgentSelector? Agent { get; set; }

    public ValueTemplate? Input { get; set; }

    public TimeSpan? Timeout { get; set; }

    /// <summary>The delivery priority of an agent task (<c>high</c>, <c>normal</c>, <c>low</c>), or null for normal.</summary>
    public string? Priority { get; set; }

    public int MaxAttempts { get; set; } = 1;

    public TimeSpan InitialBackoff { get; set; }

    public double Multiplier { get; set; } = 1;

    public TimeSpan? MaxBackoff { get; set; }

    public ConditionExpression? Condition { get; set; }

    public int ThenScope { get; set; } = -1;

    public int ElseScope { get; set; } = -1;

    public int[] BranchScopes { get; set; } = [];

    public string[] BranchNames { get; set; } = [];

    public int JoinCount { get; set; }

    /// <summary>How many branches of a parallel step may be in flight at once (the branch count when unlimited).</summary>
    public int MaxConcurrency { get; set; }

    public TimeSpan? WaitDuration { get; set; }

    public DateTimeOffset? WaitUntil { get; set; }

    public string? EventName { get; set; }

    public TimeSpan? EventTimeout { get; set; }

    /// <summary>The output of an event wait whose timeout passed; null fails the step instead.</summary>
    public System.Text.Json.JsonElement? EventTimeoutOutput { get; set; }
}
