using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderNestingTests
{
    private const string Nested = """
        id: nested
        steps:
          - id: outer
            kind: parallel
            branches:
              - name: left
                steps:
                  - id: route
                    kind: condition
                    if: length(input.items) > 1
                    then:
                      - id: inner
                        kind: parallel
                        join: any
                        branches:
                          - steps: [ { id: fast, kind: agent_task, agent: x } ]
                          - steps: [ { id: slow, kind: agent_task, agent: x, timeout: 1m } ]
                      - { id: merge, kind: agent_task, agent: x, input: "${steps.inner.output}" }
                    else:
                      - { id: single, kind: agent_task, agent: x }
              - name: right
                steps:
                  - { id: side, kind: agent_task, agent: x }
          - { id: final, kind: agent_task, agent: x, input: "${steps.outer.output}" }
        """;

    [Fact]
    public void Parallel_inside_condition_inside_parallel_runs_and_joins_at_every_level()
    {
        var harness = new WorkflowHarness(Nested, new { items = new[] { 1, 2, 3 } });

        Assert.Equal(["fast", "side", "slow"], harness.PendingTaskSteps.Order(StringComparer.Ordinal));
        Assert.Equal(StepStatus.Skipped, harness.StatusOf("single"));

        harness.Complete("fast", "F");
        Assert.Equal(StepStatus.Completed, harness.StatusOf("inner"));
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("slow"));
        Assert.Equal("""{"0":"F"}""", harness.LastScheduled("merge").Input!.Value.GetRawText());
        Assert.Empty(harness.State.ActiveTimers);

        harness.Complete("merge", "M");
        Assert.Equal(StepStatus.Completed, harness.StatusOf("route"));
        Assert.Equal(StepStatus.Running, harness.StatusOf("outer"));
        harness.Complete("side", "S");

        Assert.Equal("""{"left":"M","right":"S"}""", harness.LastScheduled("final").Input!.Value.GetRawText());
        harness.Complete("final", "done");
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal(2, harness.History.OfType<BranchJoined>().Count());
    }

    [Fact]
    public void The_other_condition_branch_of_a_nested_structure_is_skipped_entirely()
    {
        var harness = new WorkflowHarness(Nested, new { items = new[] { 1 } });

        Assert.Equal(["side", "single"], harness.PendingTaskSteps.Order(StringComparer.Ordinal));
        foreach (var step in new[] { "inner", "fast", "slow", "merge" })
        {
            Assert.Equal(StepStatus.Skipped, harness.StatusOf(step));
        }
    }
}
