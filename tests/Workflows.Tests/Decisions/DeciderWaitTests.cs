using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderWaitTests
{
    [Theory]
    [InlineData("duration: 5m")]
    [InlineData("duration: PT5M")]
    [InlineData("until: 2026-01-01T00:05:00Z")]
    public void A_time_wait_completes_when_its_timer_fires(string wait)
    {
        var harness = new WorkflowHarness($$"""
            id: sleepy
            steps:
              - { id: nap, kind: wait, {{wait}} }
              - { id: after, kind: agent_task, agent: x }
            """);
        var timer = Assert.Single(harness.State.ActiveTimers);
        Assert.Equal(TimerPurpose.Wait, timer.Purpose);
        Assert.Equal(WorkflowHarness.Epoch.AddMinutes(5), timer.FireAt);

        harness.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(StepStatus.Running, harness.StatusOf("nap"));
        harness.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(StepStatus.Completed, harness.StatusOf("nap"));
        Assert.Equal(["after"], harness.PendingTaskSteps);
    }

    [Fact]
    public void A_wait_until_a_past_time_completes_at_once()
    {
        var harness = new WorkflowHarness("""
            id: past
            steps:
              - { id: nap, kind: wait, until: "2025-01-01T00:00:00+02:00" }
            """);
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.DoesNotContain(harness.History, e => e is TimerCreated);
    }

    private const string Approval = """
        id: approval
        steps:
          - { id: draft, kind: agent_task, agent: x }
          - { id: approve, kind: wait, event: { name: approved, timeout: 1h }, on_failure: continue }
          - { id: send, kind: agent_task, agent: x, input: { by: "${steps.approve.output.by}" } }
        """;

    [Fact]
    public void An_event_wait_outputs_the_payload_and_cancels_its_timeout()
    {
        var harness = new WorkflowHarness(Approval);
        harness.Complete("draft");
        Assert.Equal(TimerPurpose.EventTimeout, Assert.Single(harness.State.ActiveTimers).Purpose);

        harness.Raise("other", 1);
        harness.Raise("approved", new { by = "ann" });

        Assert.Equal("""{"by":"ann"}""", harness.Step("approve").Output!.Value.GetRawText());
        Assert.Empty(harness.State.ActiveTimers);
        Assert.Equal("""{"by":"ann"}""", harness.LastScheduled("send").Input!.Value.GetRawText());
    }

    [Fact]
    public void An_event_raised_before_the_wait_starts_is_buffered_and_consumed_once()
    {
        var harness = new WorkflowHarness(Approval);
        harness.Raise("approved", new { by = "early" });
        harness.Raise("approved", new { by = "second" });
        harness.Complete("draft");

        Assert.Equal(StepStatus.Completed, harness.StatusOf("approve"));
        Assert.Equal("""{"by":"early"}""", harness.Step("approve").Output!.Value.GetRawText());
        Assert.DoesNotContain(harness.History, e => e is TimerCreated);
    }

    [Fact]
    public void An_event_timeout_fails_the_wait_and_on_failure_applies()
    {
        var harness = new WorkflowHarness(Approval);
        harness.Complete("draft");
        harness.Advance(TimeSpan.FromHours(1));

        Assert.Equal(StepStatus.Failed, harness.StatusOf("approve"));
        Assert.Equal("event 'approved' was not raised within 01:00:00", harness.Step("approve").Error);
        Assert.Equal("""{"by":null}""", harness.LastScheduled("send").Input!.Value.GetRawText());

        harness.Raise("approved", new { by = "late" });
        Assert.Equal(StepStatus.Failed, harness.StatusOf("approve"));
    }
}
