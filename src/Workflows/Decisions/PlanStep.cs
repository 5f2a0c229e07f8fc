using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>One step of a compiled definition with everything the decider needs pre-parsed; also a copy made at run
/// time (a <c>for_each</c> item's copy of a template step, or a task of a run-time plan).</summary>
internal sealed class PlanStep
{
    public required int Index { get; set; }

    public required WorkflowStep Step { get; init; }

    /// <summary>The id in the instance: the definition's step id, or <c>{step}[{item}]</c> for a run-time copy.</summary>
    public string Id => CopyId ?? Step.Id;

    /// <summary>The id of a run-time copy, <c>{step}[{item}]</c>; null for a step of the definition.</summary>
    public string? CopyId { get; set; }

    /// <summary>The step reference in task ids: the step id plus the item (or plan task) index of a run-time copy.</summary>
    public WorkflowStepRef Ref => WorkflowStepRef.Create(Step.Id, Item);

    public required int Scope { get; set; }

    public required int Position { get; init; }

    /// <summary>The <c>for_each</c> item or plan task index of a run-time copy; null for a step of the definition.</summary>
    public int? Item { get; set; }

    /// <summary>A step of a <c>for_each</c> template (never run itself; its copies run).</summary>
    public bool IsTemplate { get; set; }

    /// <summary>For a template step or an item copy: the <c>for_each</c> step owning the template; else -1.</summary>
    public int ForEachOwner { get; set; } = -1;

    /// <summary>The item of an item copy.</summary>
    public JsonElement? ItemValue { get; set; }

    /// <summary>For a task of a run-time plan: the <c>plan</c> step running it; else -1.</summary>
    public int PlanOwner { get; set; } = -1;

    /// <summary>For a task of a run-time plan: its id in the plan.</summary>
    public string? TaskKey { get; set; }

    /// <summary>The array reference of a <c>for_each</c> step, or the plan reference of a <c>plan</c> step.</summary>
    public Reference? Source { get; set; }

    /// <summary>The template scope of a <c>for_each</c> step; -1 otherwise.</summary>
    public int TemplateScope { get; set; } = -1;

    /// <summary>Copies this step for a run time item; the caller remaps indexes, scopes and edges.</summary>
    public PlanStep Copy() => (PlanStep)MemberwiseClone();

    public int[] Dependencies { get; set; } = [];

    public int[] Dependents { get; set; } = [];

    public FailurePolicy Failure { get; set; } = FailurePolicy.Fail;

    public int GotoPosition { get; set; } = -1;

    public AgentSelector? Agent { get; set; }

    /// <summary>The literal candidate set of a <c>plan</c> step, bounding its tasks' own; null when it names none or a reference.</summary>
    public IReadOnlyList<string>? Candidates { get; set; }

    /// <summary>The <c>${...}</c> candidate set of an agent task (or of the plan step running it), resolved when an attempt is
    /// scheduled; null when the set is literal or absent.</summary>
    public Reference? CandidatesSource { get; set; }

    public ValueTemplate? Input { get; set; }

    /// <summary>The definition id a <c>workflow</c> step runs as a child; null for other steps.</summary>
    public string? ChildDefinition { get; set; }

    /// <summary>The definition version of a <c>workflow</c> step; null for the latest.</summary>
    public int? ChildVersion { get; set; }

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

    /// <summary>How many branches, items or plan tasks of the step may be in flight at once (the branch count, or
    /// <see cref="int.MaxValue"/>, when unlimited).</summary>
    public int MaxConcurrency { get; set; }

    public TimeSpan? WaitDuration { get; set; }

    public DateTimeOffset? WaitUntil { get; set; }

    public string? EventName { get; set; }

    public TimeSpan? EventTimeout { get; set; }

    /// <summary>The output of an event wait whose timeout passed; null fails the step instead.</summary>
    public System.Text.Json.JsonElement? EventTimeoutOutput { get; set; }
}
