using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderForEachTests
{
    private static string FanOut(int? limit = null, string onFailure = "fail") => $$"""
        id: fan
        steps:
          - { id: split, kind: agent_task, agent: x }
          - id: each
            kind: parallel
            for_each: ${steps.split.output.items}
            {{(limit is null ? "" : $"max_concurrency: {limit}")}}
            on_failure: {{onFailure}}
            steps:
              - { id: fetch, kind: agent_task, agent: x, input: { doc: "${item}", n: "${item_index}" } }
              - { id: sum, kind: agent_task, agent: x, input: "${steps.fetch.output}" }
          - { id: after, kind: agent_task, agent: x, input: "${steps.each.output}" }
        """;

    [Fact]
    public void Each_item_runs_its_own_copy_of_the_template_with_item_references_and_the_output_is_in_item_order()
    {
        var harness = new WorkflowHarness(FanOut());
        harness.Complete("split", new { items = new[] { "a", "b" } });

        Assert.Equal(["fetch[0]", "fetch[1]"], harness.PendingTaskSteps);
        Assert.Equal("""{"doc":"a","n":0}""", harness.LastScheduled("fetch[0]").Input!.Value.GetRawText());
        Assert.Equal("wf-1:fetch[1]:1", harness.LastScheduled("fetch[1]").TaskId);
        Assert.Equal("""["a","b"]""", harness.History.OfType<ItemsRecorded>().Single().Items!.Value.GetRawText());

        harness.Complete("fetch[1]", "F1");
        Assert.Equal("\"F1\"", harness.LastScheduled("sum[1]").Input!.Value.GetRawText());
        harness.Complete("sum[1]", "S1");
        harness.Complete("fetch[0]", "F0");
        harness.Complete("sum[0]", "S0");

        Assert.Equal("""["S0","S1"]""", harness.Step("each").Output!.Value.GetRawText());
        Assert.Equal("""["S0","S1"]""", harness.LastScheduled("after").Input!.Value.GetRawText());
        Assert.DoesNotContain(harness.State.Steps, s => s.StepId is "fetch" or "sum");
    }

    [Fact]
    public void Max_concurrency_bounds_the_items_in_flight_and_starts_the_next_in_item_order()
    {
        var harness = new WorkflowHarness(FanOut(limit: 2));
        harness.Complete("split", new { items = new[] { 1, 2, 3, 4 } });
        Assert.Equal(["fetch[0]", "fetch[1]"], harness.PendingTaskSteps);

        harness.Complete("fetch[0]");
        harness.Complete("sum[0]");
        Assert.Equal(["fetch[1]", "fetch[2]"], harness.PendingTaskSteps.Order());
        foreach (var step in new[] { "fetch[1]", "sum[1]", "fetch[2]", "sum[2]", "fetch[3]", "sum[3]" })
        {
            harness.Complete(step, step);
        }

        Assert.Equal("""[null,"sum[1]","sum[2]","sum[3]"]""", harness.Step("each").Output!.Value.GetRawText());
    }

    [Fact]
    public void An_empty_array_completes_the_step_with_an_empty_array()
    {
        var harness = new WorkflowHarness(FanOut());
        harness.Complete("split", new { items = Array.Empty<int>() });

        Assert.Equal("[]", harness.Step("each").Output!.Value.GetRawText());
        Assert.Equal(["after"], harness.PendingTaskSteps);
    }

    [Theory]
    [InlineData("""{"items":{"a":1}}""", "for_each '${steps.split.output.items}' is not an array (it is an object)")]
    [InlineData("""{"other":1}""", "for_each '${steps.split.output.items}' is not an array (it is missing)")]
    public void A_value_that_is_not_an_array_fails_the_step_with_a_clear_message(string output, string error)
    {
        var harness = new WorkflowHarness(FanOut());
        harness.Complete("split", System.Text.Json.JsonDocument.Parse(output).RootElement);

        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Equal(error, harness.Step("each").Error);
        Assert.Equal(error, harness.History.OfType<ItemsRecorded>().Single().Error);
    }

    [Fact]
    public void More_items_than_the_limit_fails_naming_the_limit_and_replay_keeps_the_verdict_under_another_limit()
    {
        var definition = WorkflowDefinitionLoader.FromYaml(FanOut());
        var decider = new WorkflowDecider(definition, new WorkflowLimitsOptions { MaxForEachItems = 3 });
        var execution = decider.CreateExecution();
        var history = new List<WorkflowEvent>
        {
            new WorkflowStarted { Sequence = 1, InstanceId = "wf-1", DefinitionId = "fan", DefinitionVersion = 1 },
            new TaskScheduled { Sequence = 2, TaskId = "wf-1:split:1", StepId = "split", Attempt = 1, Agent = new AgentSelector { AgentId = "x" } },
            new TaskCompleted { Sequence = 3, TaskId = "wf-1:split:1", Output = System.Text.Json.JsonSerializer.SerializeToElement(new { items = new[] { 1, 2, 3, 4 } }) },
        };
        execution.ApplyRange(history);
        var record = Assert.IsType<RecordItems>(Assert.Single(execution.GetCommands()));
        Assert.Equal("for_each '${steps.split.output.items}' has 4 items, more than the limit MaxForEachItems (3)", record.Error);

        history.Add(record.ToEvent(4, default));
        var replayed = new WorkflowDecider(definition).Decide(history);
        Assert.Equal(WorkflowStatus.Failed, replayed.State.Status);
        Assert.Contains("MaxForEachItems (3)", replayed.State.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_item_fails_the_step_abandons_the_other_items_and_on_failure_applies()
    {
        var harness = new WorkflowHarness(FanOut(onFailure: "continue"));
        harness.Complete("split", new { items = new[] { "a", "b" } });
        harness.Fail("fetch[1]", "no such doc");

        Assert.Equal("item 1: step 'fetch[1]' failed: no such doc", harness.Step("each").Error);
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("fetch[0]"));
        Assert.Equal(["after"], harness.PendingTaskSteps);
    }

    [Fact]
    public void Replaying_a_recorded_history_never_evaluates_the_array_again()
    {
        var harness = new WorkflowHarness(FanOut());
        harness.Complete("split", new { items = new[] { "a" } });
        var recorded = harness.History.ToList();
        var index = recorded.FindIndex(e => e is TaskCompleted);
        recorded[index] = ((TaskCompleted)recorded[index]) with { Output = System.Text.Json.JsonSerializer.SerializeToElement(new { items = 5 }) };

        var replayed = new WorkflowDecider(harness.Definition).Decide(recorded);

        Assert.Equal(StepStatus.Running, replayed.State.Steps.Single(s => s.StepId == "each").Status);
        Assert.Equal(["fetch[0]"], replayed.State.PendingTasks.Select(t => t.Task.StepId));
        Assert.Empty(replayed.Commands);
    }
}
