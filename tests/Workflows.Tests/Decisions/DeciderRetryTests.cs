using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderRetryTests
{
    private const string Flaky = """
        id: flaky
        steps:
          - id: call
            kind: agent_task
            agent: api
            timeout: 30s
            retry: { max_attempts: 4, initial_backoff: 1s, multiplier: 3, max_backoff: 5s }
        """;

    [Fact]
    public void Failed_attempts_are_retried_after_exponential_capped_backoff_timers()
    {
        var harness = new WorkflowHarness(Flaky);
        harness.Fail("call", "e1");
        var backoff = Assert.Single(harness.State.ActiveTimers);
        Assert.Equal(TimerPurpose.Backoff, backoff.Purpose);
        Assert.Equal(WorkflowHarness.Epoch + TimeSpan.FromSeconds(1), backoff.FireAt);
        Assert.Empty(harness.State.PendingTasks);
        Assert.Equal("e1", harness.Step("call").Error);

        harness.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(harness.State.PendingTasks);
        harness.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("wf-1:call:2", Assert.Single(harness.State.PendingTasks).TaskId);

        harness.Fail("call", "e2");
        Assert.Equal(harness.Now + TimeSpan.FromSeconds(3), harness.State.ActiveTimers.Single(t => t.Purpose == TimerPurpose.Backoff).FireAt);
        harness.Advance(TimeSpan.FromSeconds(3));
        harness.Fail("call", "e3");
        Assert.Equal(harness.Now + TimeSpan.FromSeconds(5), harness.State.ActiveTimers.Single(t => t.Purpose == TimerPurpose.Backoff).FireAt);
        harness.Advance(TimeSpan.FromSeconds(5));
        harness.Complete("call", "ok");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal(4, harness.Step("call").Attempts);
        Assert.Equal(["wf-1:call:1", "wf-1:call:2", "wf-1:call:3", "wf-1:call:4"], harness.ScheduledTasks.Select(t => t.TaskId));
    }

    [Fact]
    public void The_step_fails_after_the_last_attempt()
    {
        var harness = new WorkflowHarness(Flaky);
        for (var attempt = 1; attempt < 4; attempt++)
        {
            harness.Fail("call", $"e{attempt}");
            harness.Advance(TimeSpan.FromSeconds(10));
        }

        harness.Fail("call", "e4");

        Assert.Equal(StepStatus.Failed, harness.StatusOf("call"));
        Assert.Equal("e4 (after 4 attempts)", harness.Step("call").Error);
        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Empty(harness.State.ActiveTimers);
    }

    [Fact]
    public void A_timed_out_attempt_is_retried_and_its_late_completion_ignored()
    {
        var harness = new WorkflowHarness(Flaky);
        var timeout = Assert.Single(harness.State.ActiveTimers);
        Assert.Equal(TimerPurpose.TaskTimeout, timeout.Purpose);
        Assert.Equal("timeout:call:1", timeout.TimerId);

        harness.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("timed out after 30s", harness.Step("call").Error);
        Assert.Empty(harness.State.PendingTasks);

        harness.CompleteTask("wf-1:call:1", "too late");
        Assert.Equal(StepStatus.Running, harness.StatusOf("call"));

        harness.Advance(TimeSpan.FromSeconds(1));
        harness.Complete("call", "in time");
        Assert.Equal("\"in time\"", harness.Step("call").Output!.Value.GetRawText());
        Assert.Empty(harness.State.ActiveTimers);
        Assert.Contains(harness.History, e => e is TimerCancelled { TimerId: "timeout:call:2" });
    }

    [Fact]
    public void Without_backoff_the_next_attempt_is_scheduled_at_once()
    {
        var harness = new WorkflowHarness("""
            id: quick-retry
            steps:
              - { id: t, kind: agent_task, agent: x, retry: { max_attempts: 2 } }
            """);
        harness.Fail("t");
        Assert.Equal("wf-1:t:2", Assert.Single(harness.State.PendingTasks).TaskId);
        Assert.Empty(harness.State.ActiveTimers);
    }
}
