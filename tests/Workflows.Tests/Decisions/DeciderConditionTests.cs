using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderConditionTests
{
    private const string Review = """
        id: review
        steps:
          - id: score
            kind: agent_task
            agent: scorer
          - id: check
            kind: condition
            if: steps.score.output.value >= 0.8 and not exists(input.force_review)
            then:
              - { id: publish, kind: agent_task, agent: publisher }
            else:
              - { id: human, kind: agent_task, agent: reviewer }
              - { id: republish, kind: agent_task, agent: publisher }
          - id: notify
            kind: agent_task
            agent: notifier
            input: { via: "${steps.check.output}" }
        """;

    [Fact]
    public void A_true_condition_runs_then_and_records_the_else_steps_as_skipped()
    {
        var harness = new WorkflowHarness(Review, new { doc = "x" });
        harness.Complete("score", new { value = 0.9 });

        Assert.Equal(["publish"], harness.PendingTaskSteps);
        Assert.Equal(StepStatus.Skipped, harness.StatusOf("human"));
        Assert.Equal(StepStatus.Skipped, harness.StatusOf("republish"));
        Assert.Equal(["human", "republish"], harness.History.OfType<StepSkipped>().Select(s => s.StepId));
        Assert.Equal(StepStatus.Running, harness.StatusOf("check"));

        harness.Complete("publish", "published");
        Assert.Equal(StepStatus.Completed, harness.StatusOf("check"));
        Assert.Equal("\"published\"", harness.Step("check").Output!.Value.GetRawText());
        Assert.Equal("""{"via":"published"}""", harness.LastScheduled("notify").Input!.Value.GetRawText());
        harness.Complete("notify");
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
    }

    [Fact]
    public void A_false_condition_runs_else_in_sequence()
    {
        var harness = new WorkflowHarness(Review, new { force_review = true });
        harness.Complete("score", new { value = 0.95 });

        Assert.Equal(StepStatus.Skipped, harness.StatusOf("publish"));
        Assert.Equal(["human"], harness.PendingTaskSteps);
        harness.Complete("human");
        Assert.Equal(["republish"], harness.PendingTaskSteps);
    }

    [Fact]
    public void A_condition_that_cannot_be_evaluated_fails_the_step()
    {
        var harness = new WorkflowHarness(Review);
        harness.Complete("score", new { value = "high" });

        Assert.Equal(StepStatus.Failed, harness.StatusOf("check"));
        Assert.Contains("cannot order", harness.Step("check").Error);
        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Contains("step 'check' failed", harness.State.Error);
        Assert.IsType<WorkflowFailed>(harness.History[^1]);
    }

    [Fact]
    public void An_empty_chosen_branch_completes_the_condition_at_once()
    {
        var harness = new WorkflowHarness("""
            id: empty-branch
            steps:
              - id: gate
                kind: condition
                if: input.go == true
                then:
                  - { id: work, kind: agent_task, agent: w }
            """, new { go = false });

        Assert.Equal(StepStatus.Skipped, harness.StatusOf("work"));
        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal(JsonValueKindNull, harness.State.Output?.ValueKind ?? JsonValueKindNull);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
