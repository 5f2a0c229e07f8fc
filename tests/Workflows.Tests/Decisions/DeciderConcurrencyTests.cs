using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderConcurrencyTests
{
    private static string Bounded(string join, int limit, string extra = "") => $$"""
        id: bounded
        steps:
          - id: fan
            kind: parallel
            join: {{join}}
            max_concurrency: {{limit}}
            {{extra}}
            branches:
              - { name: a, steps: [ { id: a1, kind: agent_task, agent: x }, { id: a2, kind: agent_task, agent: x } ] }
              - { name: b, steps: [ { id: b1, kind: agent_task, agent: x } ] }
              - { name: c, steps: [ { id: c1, kind: agent_task, agent: x } ] }
              - { name: d, steps: [ { id: d1, kind: agent_task, agent: x } ] }
        """;

    [Fact]
    public void Only_max_concurrency_branches_start_and_the_next_starts_in_branch_order_as_one_finishes()
    {
        var harness = new WorkflowHarness(Bounded("all", 2));
        Assert.Equal(["a1", "b1"], harness.PendingTaskSteps);
        Assert.Equal(StepStatus.Pending, harness.StatusOf("c1"));

        harness.Complete("a1", "A1");
        Assert.Equal(["a2", "b1"], harness.PendingTaskSteps.Order());

        harness.Complete("b1", "B");
        Assert.Equal(["a2", "c1"], harness.PendingTaskSteps.Order());

        harness.Complete("c1", "C");
        Assert.Equal(["a2", "d1"], harness.PendingTaskSteps.Order());

        harness.Complete("d1", "D");
        harness.Complete("a2", "A2");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("""{"a":"A2","b":"B","c":"C","d":"D"}""", harness.Step("fan").Output!.Value.GetRawText());
        Assert.Equal(["a1", "b1", "a2", "c1", "d1"], harness.ScheduledTasks.Select(t => t.StepId));
    }

    [Fact]
    public void A_failed_branch_frees_its_slot_when_the_join_can_still_hold()
    {
        var harness = new WorkflowHarness(Bounded("n", 1, "n: 2"));
        Assert.Equal(["a1"], harness.PendingTaskSteps);

        harness.Fail("a1");
        Assert.Equal(["b1"], harness.PendingTaskSteps);
        harness.Complete("b1", "B");
        Assert.Equal(["c1"], harness.PendingTaskSteps);
        harness.Complete("c1", "C");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("""{"b":"B","c":"C"}""", harness.Step("fan").Output!.Value.GetRawText());
        Assert.Equal(StepStatus.Pending, harness.StatusOf("d1"));
        Assert.DoesNotContain(harness.ScheduledTasks, t => t.StepId == "d1");
    }

    [Fact]
    public void A_join_that_holds_starts_no_waiting_branch()
    {
        var harness = new WorkflowHarness(Bounded("any", 2));
        harness.Complete("b1", "B");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("a1"));
        Assert.Equal(["a1", "b1"], harness.ScheduledTasks.Select(t => t.StepId));
        Assert.Equal([1], harness.History.OfType<BranchJoined>().Single().Branches);
    }

    [Fact]
    public void A_limit_above_the_branch_count_starts_every_branch()
    {
        var harness = new WorkflowHarness(Bounded("all", 10));

        Assert.Equal(["a1", "b1", "c1", "d1"], harness.PendingTaskSteps);
    }
}
