using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    private const string ReviewDoc = """
        id: review-doc
        inputs: { doc: { type: string, required: true } }
        steps:
          - { id: read, kind: agent_task, agent: worker, input: "${input.doc}" }
          - { id: judge, kind: agent_task, agent: worker, input: "${steps.read.output.input}" }
        output: { verdict: "${steps.judge.output.input}" }
        """;

    // A child whose only task never finishes unless its agent is not blocked.
    private const string Leaf = """
        id: leaf
        steps: [ { id: stuck, kind: agent_task, agent: worker } ]
        """;

    [Fact]
    public async Task A_workflow_step_completes_with_its_childs_output_and_both_show_the_link()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: parent
            steps:
              - { id: fetch, kind: agent_task, agent: worker, input: a.pdf }
              - { id: review, kind: workflow, definition: review-doc, input: { doc: "${steps.fetch.output.input}" } }
            """);

        var final = await RunAsync(engine, "parent", "par-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("""{"verdict":"a.pdf"}""", final.Output!.Value.GetRawText());
        var review = final.Steps.Single(s => s.StepId == "review");
        Assert.Equal("par-1~review", review.ChildInstanceId);
        var child = (await engine.Workflows.GetStatusAsync(WorkflowInstanceId.Parse("par-1~review"), TestTimeout.After()))!;
        Assert.Equal((WorkflowStatus.Completed, "review-doc", "par-1", "par-1:review:1"), (child.Status, child.DefinitionId, child.ParentInstanceId, child.ParentTaskId));
        Assert.Equal(["par-1:fetch:1", "par-1~review:read:1", "par-1~review:judge:1"], engine.Agents.Executions);
        var listed = await engine.Workflows.ListInstancesAsync(WorkflowStatus.Completed, cancellationToken: TestTimeout.After());
        Assert.Equal(["par-1", "par-1~review"], listed.Instances.Select(i => i.InstanceId.Value));
    }

    [Fact]
    public async Task A_failed_child_or_a_missing_definition_fails_the_step_and_on_failure_handles_it()
    {
        await using var engine = await StartAsync(agents => agents.FailuresBeforeSuccess["read"] = 99);
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: parent
            steps:
              - { id: review, kind: workflow, definition: review-doc, input: { doc: x }, on_failure: continue }
              - { id: ghost, kind: workflow, definition: not-registered, on_failure: "goto:fallback" }
              - { id: skipped, kind: agent_task, agent: worker }
              - { id: fallback, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "parent", "fail-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("child workflow 'fail-1~review' failed: step 'read' failed: InvalidOperationException: attempt 1 of read fails", final.Steps.Single(s => s.StepId == "review").Error);
        Assert.Equal("child workflow definition 'not-registered' is not registered", final.Steps.Single(s => s.StepId == "ghost").Error);
        Assert.Equal(StepStatus.Skipped, final.Steps.Single(s => s.StepId == "skipped").Status);
        Assert.Equal(StepStatus.Completed, final.Steps.Single(s => s.StepId == "fallback").Status);
    }

    [Fact]
    public async Task A_child_input_that_does_not_match_its_inputs_fails_the_step_without_starting_the_child()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: parent
            steps: [ { id: review, kind: workflow, definition: review-doc, input: { doc: 3 } } ]
            """);

        var final = await RunAsync(engine, "parent", "bad-input-1");

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        var error = final.Steps.Single(s => s.StepId == "review").Error;
        Assert.StartsWith("child workflow 'bad-input-1~review' input is invalid: ", error, StringComparison.Ordinal);
        Assert.Contains("input.doc", error, StringComparison.Ordinal);
        Assert.Null(await engine.Workflows.GetStatusAsync(WorkflowInstanceId.Parse("bad-input-1~review"), TestTimeout.After()));
        Assert.Empty(engine.Agents.Executions);
    }

    [Fact]
    public async Task Terminating_a_parent_terminates_its_children_recursively()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, Leaf);
        await RegisterAsync(engine, """
            id: middle
            steps: [ { id: down, kind: workflow, definition: leaf } ]
            """);
        await RegisterAsync(engine, """
            id: top
            steps: [ { id: down, kind: workflow, definition: middle } ]
            """);
        await StartInstanceAsync(engine, "top", "cascade-1");
        await engine.Agents.StartedAsync("stuck");

        await engine.Workflows.TerminateAsync(Id("cascade-1"), "operator stop", TestTimeout.After());

        foreach (var id in new[] { "cascade-1~down", "cascade-1~down~down" })
        {
            var child = await UntilAsync(engine, id, s => s.Status != WorkflowStatus.Running);
            Assert.Equal(WorkflowStatus.Terminated, child.Status);
        }

        Assert.Equal(["cascade-1~down~down:stuck:1"], engine.Agents.Cancelled);
    }

    [Fact]
    public async Task For_each_runs_one_child_per_item_within_max_concurrency()
    {
        await using var engine = await StartAsync(agents => agents.EveryTaskDelay = TimeSpan.FromMilliseconds(50));
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: batch
            steps:
              - id: each
                kind: parallel
                for_each: ${input.docs}
                max_concurrency: 2
                steps: [ { id: review, kind: workflow, definition: review-doc, input: { doc: "${item}" } } ]
            """);

        var final = await RunAsync(engine, "batch", "batch-1", new { docs = new[] { "a", "b", "c" } });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("""[{"verdict":"a"},{"verdict":"b"},{"verdict":"c"}]""", final.Output!.Value.GetRawText());
        Assert.Equal(["batch-1~review[0]", "batch-1~review[1]", "batch-1~review[2]"], final.Steps.Where(s => s.ChildInstanceId is not null).Select(s => s.ChildInstanceId));
        var starts = engine.Agents.Runs.Where(r => r.StepId == "read").Select(r => r.StartedTimestamp).Order().ToList();
        var ends = engine.Agents.Runs.Where(r => r.StepId == "judge").Select(r => r.StartedTimestamp).Order().ToList();
        Assert.True(starts[2] > ends[0], "the third child started only after one of the first two finished");
    }

    [Fact]
    public async Task A_retried_workflow_step_runs_a_fresh_child_under_the_same_id()
    {
        await using var engine = await StartAsync(agents => agents.FailingRuns["judge"] = 1);
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: parent
            steps: [ { id: review, kind: workflow, definition: review-doc, input: { doc: d }, retry: { max_attempts: 2 } } ]
            """);

        var final = await RunAsync(engine, "parent", "retry-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(2, final.Steps.Single(s => s.StepId == "review").Attempts);
        var child = (await engine.Workflows.GetStatusAsync(WorkflowInstanceId.Parse("retry-1~review"), TestTimeout.After()))!;
        Assert.Equal((WorkflowStatus.Completed, "retry-1:review:2"), (child.Status, child.ParentTaskId));
        var childHistory = (await engine.Workflows.GetHistoryAsync(WorkflowInstanceId.Parse("retry-1~review"), TestTimeout.After()))!;
        Assert.Single(childHistory.OfType<WorkflowStarted>());
        Assert.Equal(["retry-1~review:read:1", "retry-1~review:judge:1", "retry-1~review:read:1", "retry-1~review:judge:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task A_timed_out_workflow_step_terminates_its_child()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, Leaf);
        await RegisterAsync(engine, """
            id: parent
            steps: [ { id: down, kind: workflow, definition: leaf, timeout: 300ms, on_failure: continue } ]
            """);

        var final = await RunAsync(engine, "parent", "slow-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(StepStatus.Failed, final.Steps.Single(s => s.StepId == "down").Status);
        var child = await UntilAsync(engine, "slow-1~down", s => s.Status != WorkflowStatus.Running);
        Assert.Equal(WorkflowStatus.Terminated, child.Status);
    }

    [Fact]
    public async Task After_a_restart_a_parent_completes_once_with_each_child_completed_once()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("judge"));
        await RegisterAsync(engine, ReviewDoc);
        await RegisterAsync(engine, """
            id: batch
            steps:
              - id: each
                kind: parallel
                for_each: ${input.docs}
                steps: [ { id: review, kind: workflow, definition: review-doc, input: { doc: "${item}" } } ]
            """);
        await StartInstanceAsync(engine, "batch", "crash-2", new { docs = new[] { "a", "b" } });
        await engine.Agents.StartedAsync("judge");

        var after = new ConformanceAgents();
        await engine.RestartAsync(after);
        var final = await engine.Workflows.WaitForCompletionAsync(Id("crash-2"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("""[{"verdict":"a"},{"verdict":"b"}]""", final.Output!.Value.GetRawText());
        var history = (await engine.Workflows.GetHistoryAsync(Id("crash-2"), TestTimeout.After()))!;
        Assert.Equal(["crash-2:review[0]:1", "crash-2:review[1]:1"], history.OfType<TaskCompleted>().Select(e => e.TaskId).Order());
        Assert.Single(history.OfType<WorkflowCompleted>());
        foreach (var child in new[] { "crash-2~review[0]", "crash-2~review[1]" })
        {
            var childHistory = (await engine.Workflows.GetHistoryAsync(WorkflowInstanceId.Parse(child), TestTimeout.After()))!;
            Assert.Single(childHistory.OfType<WorkflowStarted>());
            Assert.Single(childHistory.OfType<WorkflowCompleted>());
        }
    }
}
