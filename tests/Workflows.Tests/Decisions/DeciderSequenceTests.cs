using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderSequenceTests
{
    private const string Pipeline = """
        id: pipeline
        version: 1
        steps:
          - id: extract
            kind: agent_task
            agent: extractor
            input:
              doc: ${input.doc}
          - id: summarize
            kind: agent_task
            capabilities: { summarize: 1.0, english: 0.5 }
            min_confidence: 0.6
            input:
              entities: ${steps.extract.output.entities}
              title: "Summary of ${input.doc}: ${steps.extract.output.count} entities"
        """;

    [Fact]
    public void Steps_run_in_sequence_with_resolved_inputs_and_the_last_output_completes_the_workflow()
    {
        var harness = new WorkflowHarness(Pipeline, new { doc = "a.pdf" });

        var first = harness.LastScheduled("extract");
        Assert.Equal("wf-1:extract:1", first.TaskId);
        Assert.Equal("extractor", first.Agent!.AgentId);
        Assert.Equal("""{"doc":"a.pdf"}""", first.Input!.Value.GetRawText());
        Assert.Equal(["extract"], harness.State.CurrentSteps);
        Assert.Equal(StepStatus.Pending, harness.StatusOf("summarize"));

        harness.Complete("extract", new { entities = new[] { "x", "y" }, count = 2 });

        var second = harness.LastScheduled("summarize");
        Assert.Null(second.Agent!.AgentId);
        Assert.Equal(1.0, second.Agent!.Capabilities!["summarize"]);
        Assert.Equal(0.6, second.Agent!.MinConfidence);
        Assert.Equal("""{"entities":["x","y"],"title":"Summary of a.pdf: 2 entities"}""", second.Input!.Value.GetRawText());

        harness.Complete("summarize", new { text = "done" });

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("""{"text":"done"}""", harness.State.Output!.Value.GetRawText());
        Assert.IsType<WorkflowCompleted>(harness.History[^1]);
        Assert.Empty(harness.State.PendingTasks);
    }

    [Fact]
    public void Depends_on_runs_independent_steps_together_and_joins_on_all_dependencies()
    {
        var harness = new WorkflowHarness("""
            id: dag
            steps:
              - { id: a, kind: agent_task, agent: x }
              - { id: b, kind: agent_task, agent: x, depends_on: [] }
              - { id: c, kind: agent_task, agent: x, depends_on: [a, b] }
              - { id: d, kind: agent_task, agent: x, depends_on: [a] }
            """);

        Assert.Equal(["a", "b"], harness.PendingTaskSteps);
        harness.Complete("a");
        Assert.Equal(["b", "d"], harness.PendingTaskSteps);
        harness.Complete("d", "D");
        Assert.Equal(["b"], harness.PendingTaskSteps);
        harness.Complete("b");
        Assert.Equal(["c"], harness.PendingTaskSteps);
        harness.Complete("c", 42);

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        // The workflow output is the output of the last listed step, not of the last to finish.
        Assert.Equal("\"D\"", harness.State.Output!.Value.GetRawText());
    }

    [Fact]
    public void An_explicit_output_mapping_builds_the_workflow_output()
    {
        var harness = new WorkflowHarness("""
            id: mapped
            steps:
              - { id: a, kind: agent_task, agent: x }
              - { id: b, kind: agent_task, agent: x }
            output:
              first: ${steps.a.output}
              second: ${steps.b.output.v}
              status: ${steps.a.status}
            """);
        harness.Complete("a", "A");
        harness.Complete("b", new { v = true });

        Assert.Equal("""{"first":"A","second":true,"status":"completed"}""", harness.State.Output!.Value.GetRawText());
    }

    [Fact]
    public void A_late_or_duplicate_completion_is_ignored()
    {
        var harness = new WorkflowHarness(Pipeline, new { doc = "d" });
        harness.Complete("extract", new { entities = Array.Empty<string>(), count = 0 });
        harness.CompleteTask("wf-1:extract:1", new { entities = new[] { "late" } });

        Assert.Equal("""{"entities":[],"count":0}""", harness.Step("extract").Output!.Value.GetRawText());
        Assert.Single(harness.ScheduledTasks, t => t.StepId == "extract");
    }

    [Fact]
    public void Deciding_is_idempotent_until_the_runner_records_the_commands()
    {
        var definition = AgentPlatform.Workflows.Definitions.WorkflowDefinitionLoader.FromYaml(Pipeline);
        var history = new List<WorkflowEvent>
        {
            new WorkflowStarted { InstanceId = "i", DefinitionId = "pipeline", DefinitionVersion = 1, Input = JsonSerializer.SerializeToElement(new { doc = "d" }), Sequence = 1, Timestamp = WorkflowHarness.Epoch },
        };

        var first = WorkflowDecider.Decide(definition, history);
        var second = WorkflowDecider.Decide(definition, history);
        Assert.Equal(WorkflowHarness.Json(first), WorkflowHarness.Json(second));
        var schedule = Assert.IsType<ScheduleTask>(Assert.Single(first.Commands));

        history.Add(schedule.ToEvent(2, WorkflowHarness.Epoch));
        var after = WorkflowDecider.Decide(definition, history);
        Assert.Empty(after.Commands);
        Assert.Equal("i:extract:1", Assert.Single(after.State.PendingTasks).TaskId);
    }

    [Fact]
    public void A_history_for_another_definition_or_with_unasked_events_is_rejected()
    {
        var definition = AgentPlatform.Workflows.Definitions.WorkflowDefinitionLoader.FromYaml(Pipeline);
        var wrongVersion = new WorkflowStarted { InstanceId = "i", DefinitionId = "pipeline", DefinitionVersion = 2 };
        Assert.Throws<WorkflowReplayException>(() => WorkflowDecider.Decide(definition, [wrongVersion]));

        var started = wrongVersion with { DefinitionVersion = 1 };
        var foreign = new TaskScheduled { TaskId = "i:other:1", StepId = "other", Attempt = 1, Agent = new AgentSelector { AgentId = "x" } };
        Assert.Throws<WorkflowReplayException>(() => WorkflowDecider.Decide(definition, [started, foreign]));
        Assert.Throws<WorkflowReplayException>(() => WorkflowDecider.Decide(definition, [new TaskCompleted { TaskId = "i:extract:1" }]));
    }
}
