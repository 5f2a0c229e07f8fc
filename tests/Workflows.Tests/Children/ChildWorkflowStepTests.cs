using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Plans;
using AgentPlatform.Workflows.Tests.Decisions;

namespace AgentPlatform.Workflows.Tests.Children;

public sealed class ChildWorkflowStepTests
{
    [Fact]
    public void A_workflow_step_loads_from_yaml_and_json_alike()
    {
        var yaml = WorkflowDefinitionLoader.FromYaml("""
            id: parent
            steps:
              - id: review
                kind: workflow
                definition: review-doc
                version: 2
                input: { doc: "${input.doc}" }
                timeout: 1m
                retry: { max_attempts: 2 }
            """);
        var json = WorkflowDefinitionLoader.FromJson(WorkflowDefinitionLoader.ToJson(yaml));

        var step = Assert.IsType<ChildWorkflowStep>(Assert.Single(json.Steps));
        Assert.Equal(("review-doc", 2, "1m", 2), (step.Definition, step.Version, step.Timeout, step.Retry!.MaxAttempts));
        Assert.Equal(WorkflowDefinitionLoader.ToJson(yaml), WorkflowDefinitionLoader.ToJson(json));
    }

    [Fact]
    public void Every_problem_of_a_workflow_step_is_named_by_path()
    {
        var problems = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: parent
            steps:
              - { id: a, kind: workflow, version: 0, input: "${steps.ghost.output}", timeout: soon, retry: { max_attempts: 0 } }
              - { id: b, kind: workflow, definition: "not/valid" }
            """)).Problems.Select(p => $"{p.Path}: {p.Message}").ToList();

        Assert.Contains("steps[a].definition: is required (the id of a registered definition)", problems);
        Assert.Contains("steps[a].version: must be >= 1", problems);
        Assert.Contains(problems, p => p.StartsWith("steps[a].input: ", StringComparison.Ordinal) && p.Contains("ghost", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("steps[a].timeout: ", StringComparison.Ordinal));
        Assert.Contains("steps[a].retry.max_attempts: must be >= 1", problems);
        Assert.Contains($"steps[b].definition: {WorkflowNames.NameRule}", problems);
        var unknown = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: parent
            steps:
              - { id: c, kind: workflow, definition: ok, agent: x }
            """));
        Assert.Equal("steps[c].agent: unknown field 'agent'", Assert.Single(unknown.Problems).ToString());
    }

    [Fact]
    public void Each_attempt_schedules_the_child_under_the_same_derived_id_with_the_resolved_input()
    {
        var harness = new WorkflowHarness("""
            id: parent
            steps:
              - { id: fetch, kind: agent_task, agent: reader }
              - { id: review, kind: workflow, definition: review-doc, input: { doc: "${steps.fetch.output}" }, retry: { max_attempts: 2 } }
            """);
        harness.Complete("fetch", "a.pdf");

        var first = harness.LastScheduled("review");
        Assert.Null(first.Agent);
        Assert.Equal(new() { InstanceId = "wf-1~review", DefinitionId = "review-doc" }, first.Workflow);
        Assert.Equal("""{"doc":"a.pdf"}""", first.Input!.Value.GetRawText());
        Assert.Equal("wf-1~review", harness.Step("review").ChildInstanceId);

        harness.Fail("review", "child failed");
        var second = harness.LastScheduled("review");
        Assert.Equal(("wf-1:review:2", "wf-1~review"), (second.TaskId, second.Workflow!.InstanceId));
        harness.Complete("review", new { verdict = "ok" });

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("""{"verdict":"ok"}""", harness.State.Output!.Value.GetRawText());
    }

    [Fact]
    public void For_each_copies_get_indexed_child_ids()
    {
        var harness = new WorkflowHarness("""
            id: parent
            steps:
              - id: each
                kind: parallel
                for_each: ${input.docs}
                max_concurrency: 2
                steps:
                  - { id: review, kind: workflow, definition: review-doc, input: "${item}" }
            """, new { docs = new[] { "a", "b", "c" } });

        Assert.Equal(["wf-1~review[0]", "wf-1~review[1]"], harness.ScheduledTasks.Select(t => t.Workflow!.InstanceId));
        harness.Complete("review[0]", 1);
        Assert.Equal("wf-1~review[2]", harness.LastScheduled("review[2]").Workflow!.InstanceId);
    }

    [Fact]
    public void Plan_tasks_may_run_as_child_workflows()
    {
        var plan = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "g1", "workflow": "goal", "input": 1 }, { "id": "g2", "workflow": "goal", "agent": "x" }, { "id": "g3", "workflow": "a/b" } ] }
            """).RootElement, 10);
        Assert.Equal(["tasks[1].workflow: set exactly one of agent, capabilities or workflow", $"tasks[2].workflow: must be a definition id that {WorkflowNames.NameRule}"], plan.Problems);

        var harness = new WorkflowHarness("""
            id: project
            steps:
              - { id: work, kind: plan, plan: "${input.plan}" }
            """, new { plan = new { tasks = new object[] { new { id = "g1", workflow = "goal", input = 1 }, new { id = "g2", agent = "x", depends_on = new[] { "g1" } } } } });
        var goal = harness.LastScheduled("work[0]");
        Assert.Equal(("wf-1~work[0]", "goal"), (goal.Workflow!.InstanceId, goal.Workflow.DefinitionId));
        Assert.Equal("wf-1~work[0]", harness.Step("work[0]").ChildInstanceId);
        harness.Complete("work[0]", "done");
        Assert.Equal("x", harness.LastScheduled("work[1]").Agent!.AgentId);
    }

    [Fact]
    public void A_plan_task_may_pin_the_version_of_its_child_definition_and_only_a_workflow_task_may()
    {
        var plan = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "g1", "agent": "x", "version": 2 }, { "id": "g2", "workflow": "goal", "version": 0 }, { "id": "g3", "workflow": "goal", "version": "2" } ] }
            """).RootElement, 10);
        Assert.Equal(
            [
                "tasks[0].version: applies to workflow tasks only (it is the version of the definition named by workflow)",
                "tasks[1].version: must be a whole number of at least 1",
                "tasks[2].version: must be a whole number of at least 1",
            ],
            plan.Problems);

        var harness = new WorkflowHarness("""
            id: project
            steps:
              - { id: work, kind: plan, plan: "${input.plan}" }
            """, new { plan = new { tasks = new object[] { new { id = "pinned", workflow = "goal", version = 3 }, new { id = "latest", workflow = "goal" } } } });
        Assert.Equal(("goal", (int?)3), (harness.LastScheduled("work[0]").Workflow!.DefinitionId, harness.LastScheduled("work[0]").Workflow!.Version));
        Assert.Null(harness.LastScheduled("work[1]").Workflow!.Version);
    }

    [Fact]
    public void A_child_id_longer_than_the_grammar_allows_fails_the_step()
    {
        var harness = new WorkflowHarness("""
            id: parent
            steps:
              - { id: review, kind: workflow, definition: d, on_failure: continue }
            """, instanceId: new string('r', 128) + "~" + new string('s', 64) + "~" + new string('t', 60));

        Assert.Equal(StepStatus.Failed, harness.StatusOf("review"));
        Assert.Contains("would be longer than 256 characters", harness.Step("review").Error, StringComparison.Ordinal);
        Assert.Empty(harness.ScheduledTasks);
    }
}
