using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>Orderings a real runner can produce: results racing timers and cancellations, commands recorded late.</summary>
public sealed class DeciderRaceTests
{
    private static readonly WorkflowDefinition Definition = WorkflowDefinitionLoader.FromYaml("""
        id: races
        steps:
          - { id: t, kind: agent_task, agent: x, timeout: 10s, retry: { max_attempts: 2, initial_backoff: 1s } }
          - { id: u, kind: agent_task, agent: x }
        """);

    private static readonly DateTimeOffset T0 = WorkflowHarness.Epoch;

    private static WorkflowExecution Started(out List<WorkflowEvent> history)
    {
        var execution = new WorkflowDecider(Definition).CreateExecution();
        history = [new WorkflowStarted { InstanceId = "r", DefinitionId = "races", DefinitionVersion = 1, Sequence = 1, Timestamp = T0 }];
        execution.Apply(history[0]);
        RecordCommands(execution, history, T0);
        return execution;
    }

    private static void Apply(WorkflowExecution execution, List<WorkflowEvent> history, WorkflowEvent e)
    {
        var stamped = e with { Sequence = history.Count + 1 };
        history.Add(stamped);
        execution.Apply(stamped);
    }

    private static void RecordCommands(WorkflowExecution execution, List<WorkflowEvent> history, DateTimeOffset at)
    {
        foreach (var command in execution.GetCommands())
        {
            Apply(execution, history, command.ToEvent(0, at));
        }
    }

    [Fact]
    public void A_timer_firing_while_its_cancellation_is_unrecorded_is_ignored_and_the_cancellation_is_withdrawn()
    {
        var execution = Started(out var history);
        Apply(execution, history, new TaskCompleted { TaskId = "r:t:1", Timestamp = T0.AddSeconds(9) });
        Assert.Contains(execution.GetCommands(), c => c is CancelTimer { TimerId: "timeout:t:1" });

        Apply(execution, history, new TimerFired { TimerId = "timeout:t:1", Timestamp = T0.AddSeconds(10) });

        Assert.DoesNotContain(execution.GetCommands(), c => c is CancelTimer);
        Assert.Equal(StepStatus.Completed, execution.GetState().Steps[0].Status);
        Assert.Equal(["r:u:1"], execution.GetCommands().OfType<ScheduleTask>().Select(t => t.TaskId));
        Assert.Equal(WorkflowHarness.Json(WorkflowDecider.Decide(Definition, history)), WorkflowHarness.Json(execution.Decide()));
    }

    [Fact]
    public void A_cancellation_recorded_after_the_timer_fired_is_accepted()
    {
        var execution = Started(out var history);
        Apply(execution, history, new TaskCompleted { TaskId = "r:t:1", Timestamp = T0.AddSeconds(9) });
        var cancel = execution.GetCommands().OfType<CancelTimer>().Single();
        Apply(execution, history, new TimerFired { TimerId = "timeout:t:1", Timestamp = T0.AddSeconds(10) });
        Apply(execution, history, cancel.ToEvent(0, T0.AddSeconds(10)));
        Apply(execution, history, new TimerFired { TimerId = "timeout:t:1", Timestamp = T0.AddSeconds(11) });

        Assert.Empty(execution.GetState().ActiveTimers);
        Assert.Equal(StepStatus.Completed, execution.GetState().Steps[0].Status);
    }

    [Fact]
    public void A_result_arriving_after_the_timeout_fired_is_ignored_and_the_retry_stands()
    {
        var execution = Started(out var history);
        Apply(execution, history, new TimerFired { TimerId = "timeout:t:1", Timestamp = T0.AddSeconds(10) });
        Apply(execution, history, new TaskCompleted { TaskId = "r:t:1", Timestamp = T0.AddSeconds(10) });

        var commands = execution.GetCommands();
        var backoff = Assert.IsType<CreateTimer>(Assert.Single(commands));
        Assert.Equal(TimerPurpose.Backoff, backoff.Purpose);
        Assert.Equal(T0.AddSeconds(11), backoff.FireAt);
        Assert.Equal(StepStatus.Running, execution.GetState().Steps[0].Status);
    }

    [Fact]
    public void Commands_decided_before_a_termination_and_recorded_after_it_are_accepted_and_cancelled()
    {
        var execution = Started(out var history);
        Apply(execution, history, new TaskFailed { TaskId = "r:t:1", Error = "x", Timestamp = T0.AddSeconds(1) });
        var pending = execution.GetCommands();
        Assert.Contains(pending, c => c is CreateTimer { Purpose: TimerPurpose.Backoff });

        Apply(execution, history, new WorkflowTerminated { Reason = "stop", Timestamp = T0.AddSeconds(2) });
        Assert.DoesNotContain(execution.GetCommands(), c => c is not CancelTimer);
        foreach (var command in pending)
        {
            Apply(execution, history, command.ToEvent(0, T0.AddSeconds(2)));
        }

        Assert.Equal([new CancelTimer { TimerId = "backoff:t:2" }], execution.GetCommands());
        Assert.Equal(WorkflowStatus.Terminated, execution.Status);
    }

    [Fact]
    public void Apply_range_equals_applying_one_by_one()
    {
        var execution = Started(out var history);
        Apply(execution, history, new TaskCompleted { TaskId = "r:t:1", Timestamp = T0.AddSeconds(1) });
        RecordCommands(execution, history, T0.AddSeconds(1));

        var folded = new WorkflowDecider(Definition).CreateExecution();
        folded.ApplyRange(history.Select(e => e));
        Assert.Equal(WorkflowHarness.Json(execution.Decide()), WorkflowHarness.Json(folded.Decide()));
        Assert.Equal(history.Count, folded.EventCount);
        Assert.Equal("r", folded.InstanceId);
    }
}
