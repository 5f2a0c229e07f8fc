using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderFailureTests
{
    private static string Definition(string onFailure) => $$"""
        id: failing
        steps:
          - { id: a, kind: agent_task, agent: x, on_failure: "{{onFailure}}" }
          - { id: b, kind: agent_task, agent: x }
          - { id: c, kind: agent_task, agent: x }
          - { id: d, kind: agent_task, agent: x, input: { a_status: "${steps.a.status}", a_error: "${steps.a.error}" } }
        """;

    [Fact]
    public void On_failure_fail_fails_the_workflow_naming_the_step()
    {
        var harness = new WorkflowHarness(Definition("fail"));
        harness.Fail("a", "no agent");

        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Equal("step 'a' failed: no agent", harness.State.Error);
        Assert.Equal(StepStatus.Pending, harness.StatusOf("b"));
        Assert.Equal(new WorkflowFailed { Error = "step 'a' failed: no agent", Sequence = harness.History.Count, Timestamp = harness.Now }, harness.History[^1]);
    }

    [Fact]
    public void On_failure_continue_runs_the_dependents()
    {
        var harness = new WorkflowHarness(Definition("continue"));
        harness.Fail("a", "no agent");

        Assert.Equal(StepStatus.Failed, harness.StatusOf("a"));
        Assert.Equal(["b"], harness.PendingTaskSteps);
        harness.Complete("b");
        harness.Complete("c");
        Assert.Equal("""{"a_status":"failed","a_error":"no agent"}""", harness.LastScheduled("d").Input!.Value.GetRawText());
        harness.Complete("d");
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
    }

    [Fact]
    public void On_failure_goto_skips_the_steps_in_between()
    {
        var harness = new WorkflowHarness(Definition("goto:d"));
        harness.Fail("a");

        Assert.Equal(StepStatus.Skipped, harness.StatusOf("b"));
        Assert.Equal(StepStatus.Skipped, harness.StatusOf("c"));
        Assert.Equal(["b", "c"], harness.History.OfType<StepSkipped>().Select(s => s.StepId));
        Assert.Equal(["d"], harness.PendingTaskSteps);
        harness.Complete("d", "recovered");
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("\"recovered\"", harness.State.Output!.Value.GetRawText());
    }

    [Fact]
    public void A_failure_inside_a_condition_branch_applies_the_condition_steps_policy()
    {
        var harness = new WorkflowHarness("""
            id: nested-failure
            steps:
              - id: gate
                kind: condition
                if: "true"
                on_failure: continue
                then:
                  - { id: inner, kind: agent_task, agent: x }
              - { id: next, kind: agent_task, agent: x }
            """);
        harness.Fail("inner", "bad");

        Assert.Equal(StepStatus.Failed, harness.StatusOf("gate"));
        Assert.Equal("step 'inner' failed: bad", harness.Step("gate").Error);
        Assert.Equal(["next"], harness.PendingTaskSteps);
    }

    [Fact]
    public void Termination_abandons_running_work_cancels_timers_and_ignores_later_results()
    {
        var harness = new WorkflowHarness("""
            id: terminate
            steps:
              - { id: a, kind: agent_task, agent: x, timeout: 1m }
              - { id: b, kind: agent_task, agent: x }
            """);
        harness.Terminate("operator request");

        Assert.Equal(WorkflowStatus.Terminated, harness.Status);
        Assert.Equal("operator request", harness.State.Error);
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("a"));
        Assert.Empty(harness.State.ActiveTimers);
        Assert.IsType<TimerCancelled>(harness.History[^1]);

        harness.CompleteTask(harness.TaskId("a"), "late");
        Assert.Equal(StepStatus.Pending, harness.StatusOf("b"));
        Assert.Empty(harness.State.PendingTasks);
    }
}
