using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>The pure step decider: <c>(definition, history) -&gt; (state, new commands)</c>.</summary>
/// <remarks>
/// <para>No clock, randomness or I/O: "now" is the timestamp of the event being folded, ids derive from the instance
/// id and step ids. Deciding the same history twice gives equal state and commands.</para>
/// <para>How a runner uses it: append <see cref="WorkflowStarted"/>; then loop: decide; for each returned command append
/// <see cref="WorkflowCommand.ToEvent"/> durably (all of them, in order), then perform the side effects
/// (<see cref="ScheduleTask"/>: dispatch with the task id as idempotency key; <see cref="CreateTimer"/>: register a
/// durable reminder that appends <see cref="TimerFired"/>; <see cref="CancelTimer"/>: remove it; the others have no
/// side effect). Results come back as <see cref="TaskCompleted"/>, <see cref="TaskFailed"/>, <see cref="TimerFired"/>,
/// <see cref="EventRaised"/> or <see cref="WorkflowTerminated"/> events. After a restart, replay the history, append
/// the returned commands' events, and dispatch <see cref="WorkflowInstanceState.PendingTasks"/> again (same task ids)
/// and re-register <see cref="WorkflowInstanceState.ActiveTimers"/>. A completed task is never returned again.</para>
/// <para>For speed, keep a <see cref="WorkflowExecution"/> per live instance and <see cref="WorkflowExecution.Apply"/>
/// each appended event instead of refolding the whole history.</para>
/// </remarks>
public sealed class WorkflowDecider
{
    private readonly WorkflowPlan _plan;
    private readonly WorkflowLimitsOptions _limits;

    /// <summary>Validates and compiles <paramref name="definition"/>, with the default run-time limits.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition is invalid.</exception>
    public WorkflowDecider(WorkflowDefinition definition)
        : this(definition, null)
    {
    }

    /// <summary>Validates and compiles <paramref name="definition"/>; <paramref name="limits"/> bounds what is decided at
    /// run time (<see cref="WorkflowLimitsOptions.MaxForEachItems"/>, <see cref="WorkflowLimitsOptions.MaxPlanTasks"/>).</summary>
    /// <remarks>Replay does not depend on the limits: their verdicts are recorded in the history with the items or the
    /// plan, so a changed configuration never changes a past decision.</remarks>
    /// <exception cref="WorkflowDefinitionException">The definition is invalid.</exception>
    public WorkflowDecider(WorkflowDefinition definition, WorkflowLimitsOptions? limits)
    {
        _plan = WorkflowPlan.For(definition);
        _limits = limits ?? new WorkflowLimitsOptions();
    }

    /// <summary>The definition decided over.</summary>
    public WorkflowDefinition Definition => _plan.Definition;

    /// <summary>Decides over a whole history.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition is invalid.</exception>
    /// <exception cref="WorkflowReplayException">The history does not fit the definition.</exception>
    public static WorkflowDecision Decide(WorkflowDefinition definition, IReadOnlyList<WorkflowEvent> history) =>
        new WorkflowDecider(definition).Decide(history);

    /// <summary>Decides over a whole history.</summary>
    /// <exception cref="WorkflowReplayException">The history does not fit the definition.</exception>
    public WorkflowDecision Decide(IReadOnlyList<WorkflowEvent> history)
    {
        var execution = CreateExecution();
        execution.ApplyRange(history);
        return execution.Decide();
    }

    /// <summary>Starts an empty incremental fold for one instance.</summary>
    public WorkflowExecution CreateExecution() => new(_plan, _limits);
}
