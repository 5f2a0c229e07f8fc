using System.Text.Json;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The mutable per-step state folded by <see cref="WorkflowExecution"/>.</summary>
internal sealed class StepRuntime
{
    public StepStatus Status;
    public int Attempts;
    public DateTimeOffset? StartedAt;
    public DateTimeOffset? EndedAt;

    /// <summary>Index of the event that started the step (long.MaxValue while pending).</summary>
    public long StartIndex = long.MaxValue;

    /// <summary>Index of the event that finished the step (long.MaxValue while unfinished).</summary>
    public long EndIndex = long.MaxValue;

    public JsonElement? Output;
    public string? Error;
    public int PendingDependencies;

    /// <summary>The awaited task id while a task attempt runs.</summary>
    public string? TaskId;

    /// <summary>The recorded scheduling of <see cref="TaskId"/>, once in the history.</summary>
    public TaskScheduled? TaskEvent;

    /// <summary>The step's live timer (task timeout, backoff, wait or event timeout); a step has at most one.</summary>
    public TimerRuntime? Timer;

    public int ChosenScope = -1;
    public int BranchesCompleted;
    public int BranchesFailed;

    /// <summary>How many branches of a parallel step have been started, in branch order.</summary>
    public int BranchesStarted;
    public bool[]? CompletedBranches;

    /// <summary>The pending <c>RecordItems</c> or <c>RecordPlan</c> command of a <c>for_each</c> or <c>plan</c> step.</summary>
    public OutboxEntry? RecordEntry;

    /// <summary>The recorded items of a <c>for_each</c> step.</summary>
    public JsonElement? Items;

    /// <summary>The scopes made at run time: one per started <c>for_each</c> item, or the one scope of a plan's tasks.</summary>
    public List<int>? DynamicScopes;

    /// <summary>The plan task ids of a <c>plan</c> step, to the index of the step running each.</summary>
    public Dictionary<string, int>? PlanTasks;

    /// <summary>Plan tasks started and not yet settled.</summary>
    public int InFlight;

    /// <summary>Plan tasks ready but held back by <c>max_concurrency</c>, in the order they became ready.</summary>
    public Queue<int>? Parked;
}
