using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderParallelTests
{
    private static string Fanout(string join, string extra = "") => $$"""
        id: fanout
        steps:
          - id: fan
            kind: parallel
            join: {{join}}
            {{extra}}
            branches:
              - name: a
                steps:
                  - { id: a1, kind: agent_task, agent: x }
                  - { id: a2, kind: agent_task, agent: x, timeout: 10s }
              - name: b
                steps:
                  - { id: b1, kind: agent_task, agent: x }
              - name: c
                steps:
                  - { id: c1, kind: wait, event: { name: go } }
          - { id: after, kind: agent_task, agent: x, input: "${steps.fan.output}" }
        """;

    [Fact]
    public void Join_all_waits_for_every_branch_and_collects_outputs_per_branch()
    {
        var harness = new WorkflowHarness(Fanout("all"));
        Assert.Equal(["a1", "b1"], harness.PendingTaskSteps);
        harness.Complete("b1", "B");
        harness.Complete("a1", "A1");
        harness.Complete("a2", "A2");
        Assert.Equal(StepStatus.Running, harness.StatusOf("fan"));
        harness.Raise("go", new { ok = true });

        Assert.Equal(StepStatus.Completed, harness.StatusOf("fan"));
        Assert.Equal("""{"a":"A2","b":"B","c":{"ok":true}}""", harness.Step("fan").Output!.Value.GetRawText());
        Assert.Equal([0, 1, 2], harness.History.OfType<BranchJoined>().Single().Branches);
        Assert.Equal(harness.Step("fan").Output!.Value.GetRawText(), harness.LastScheduled("after").Input!.Value.GetRawText());
    }

    [Fact]
    public void Join_any_completes_on_the_first_branch_and_ignores_the_others()
    {
        var harness = new WorkflowHarness(Fanout("any"));
        harness.Complete("a1");
        Assert.Contains(harness.State.ActiveTimers, t => t.Purpose == TimerPurpose.TaskTimeout);

        harness.Complete("b1", "B");

        Assert.Equal(StepStatus.Completed, harness.StatusOf("fan"));
        Assert.Equal("""{"b":"B"}""", harness.Step("fan").Output!.Value.GetRawText());
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("a2"));
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("c1"));
        Assert.Empty(harness.State.ActiveTimers);
        Assert.Contains(harness.History, e => e is TimerCancelled);
        Assert.Equal(["after"], harness.PendingTaskSteps);

        harness.CompleteTask(harness.TaskId("a2"), "late");
        harness.Raise("go");
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("a2"));
        Assert.Null(harness.Step("a2").Output);
    }

    [Fact]
    public void Join_n_completes_when_n_branches_completed()
    {
        var harness = new WorkflowHarness(Fanout("n", "n: 2"));
        harness.Raise("go", 1);
        Assert.Equal(StepStatus.Running, harness.StatusOf("fan"));
        harness.Complete("b1", 2);

        Assert.Equal(StepStatus.Completed, harness.StatusOf("fan"));
        Assert.Equal("""{"b":2,"c":1}""", harness.Step("fan").Output!.Value.GetRawText());
        Assert.Equal([1, 2], harness.History.OfType<BranchJoined>().Single().Branches);
    }

    [Fact]
    public void Join_n_fails_once_too_many_branches_failed()
    {
        var harness = new WorkflowHarness(Fanout("n", "n: 2"));
        harness.Fail("a1", "first");
        Assert.Equal(StepStatus.Running, harness.StatusOf("fan"));
        harness.Fail("b1", "second");

        Assert.Equal(StepStatus.Failed, harness.StatusOf("fan"));
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("c1"));
        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Equal("step 'fan' failed: branch 'b': step 'b1' failed: second", harness.State.Error);
    }

    [Fact]
    public void Join_all_fails_on_the_first_failed_branch()
    {
        var harness = new WorkflowHarness(Fanout("all"));
        harness.Fail("b1");
        Assert.Equal(StepStatus.Failed, harness.StatusOf("fan"));
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("a1"));
        Assert.Equal(WorkflowStatus.Failed, harness.Status);
    }
}
