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
}
