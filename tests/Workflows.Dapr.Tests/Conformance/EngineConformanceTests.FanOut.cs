using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    /// <summary>A planner whose output echoes its input, so the plan written here comes back as the planner's output; its
    /// <c>$${</c> keeps the task references literal until the plan step reads them.</summary>
    private const string PlannedSwarm = """
        id: swarm
        steps:
          - id: each
            kind: parallel
            for_each: ${input.docs}
            max_concurrency: 2
            steps:
              - { id: read, kind: agent_task, agent: worker, input: { doc: "${item}", index: "${item_index}" } }
          - id: planner
            kind: agent_task
            agent: worker
            input:
              tasks:
                - { id: outline, capabilities: { work: 1.0 }, input: "${steps.each.output}" }
                - { id: left, agent: worker, input: "$${tasks.outline.output.step}", depends_on: [outline] }
                - { id: right, agent: specialist, depends_on: [outline] }
                - { id: merge, agent: worker, input: ["$${tasks.left.output.input}", "$${tasks.right.output.step}"], depends_on: [left, right] }
          - { id: run, kind: plan, plan: "${steps.planner.output.input}", max_concurrency: 2 }
          - { id: aggregate, kind: agent_task, agent: worker, input: "${steps.run.output.merge.input}" }
        """;

    [Fact]
    public async Task A_for_each_and_a_run_time_plan_fan_out_record_their_input_and_join_in_order()
    {
        await using var engine = await StartAsync(agents => agents.EveryTaskDelay = TimeSpan.FromMilliseconds(30));
        await RegisterAsync(engine, PlannedSwarm);

        var final = await RunAsync(engine, "swarm", "swarm-1", new { docs = new[] { "a", "b", "c", "d", "e" } });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var each = final.Steps.Single(s => s.StepId == "each").Output!.Value;
        Assert.Equal(["a", "b", "c", "d", "e"], each.EnumerateArray().Select(o => o.GetProperty("input").GetProperty("doc").GetString()));
        Assert.Equal([0, 1, 2, 3, 4], each.EnumerateArray().Select(o => o.GetProperty("input").GetProperty("index").GetInt32()));
        var run = final.Steps.Single(s => s.StepId == "run").Output!.Value;
        Assert.Equal(["outline", "left", "right", "merge"], run.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""["run[0]","run[2]"]""", final.Steps.Single(s => s.StepId == "aggregate").Output!.Value.GetProperty("input").GetRawText());

        var history = (await engine.Workflows.GetHistoryAsync(Id("swarm-1"), TestTimeout.After()))!;
        Assert.Equal("""["a","b","c","d","e"]""", history.OfType<ItemsRecorded>().Single().Items!.Value.GetRawText());
        Assert.Equal(4, history.OfType<PlanRecorded>().Single().Plan!.Value.GetProperty("tasks").GetArrayLength());
        Assert.Equal(2, MostTasksUnfinished(history.Where(e => e is not TaskScheduled { StepId: "planner" or "aggregate" })));
        var scheduled = history.OfType<TaskScheduled>().Select(e => e.TaskId).ToList();
        Assert.Equal(scheduled.Distinct(), scheduled);
        Assert.Contains("swarm-1:read[4]:1", scheduled);
        Assert.Equal("specialist", history.OfType<TaskScheduled>().Single(e => e.TaskId == "swarm-1:run[2]:1").Agent!.AgentId);
        var merge = history.OfType<TaskScheduled>().Single(e => e.StepId == "run[3]").Sequence;
        Assert.True(history.OfType<TaskCompleted>().Where(e => e.TaskId is "swarm-1:run[1]:1" or "swarm-1:run[2]:1").All(e => e.Sequence < merge));
    }

    [Fact]
    public async Task An_invalid_run_time_plan_fails_the_step_with_every_problem_and_on_failure_continues()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: badplan
            steps:
              - id: planner
                kind: agent_task
                agent: worker
                input: { tasks: [ { id: a, agent: worker, depends_on: [b] }, { id: b, agent: worker, depends_on: [a] }, { id: c, agent: worker, depends_on: [ghost] } ] }
              - { id: run, kind: plan, plan: "${steps.planner.output.input}", on_failure: continue }
              - { id: after, kind: agent_task, agent: worker, input: "${steps.run.error}" }
            """);

        var final = await RunAsync(engine, "badplan", "badplan-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var error = final.Steps.Single(s => s.StepId == "run").Error!;
        Assert.StartsWith("invalid_plan: ", error, StringComparison.Ordinal);
        Assert.Contains("unknown task 'ghost'", error, StringComparison.Ordinal);
        Assert.Contains("dependency cycle: a -> b -> a", error, StringComparison.Ordinal);
        Assert.Equal(["badplan-1:planner:1", "badplan-1:after:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task A_for_each_over_a_thousand_items_with_max_concurrency_20_completes()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: thousand
            steps:
              - id: each
                kind: parallel
                for_each: ${input.items}
                max_concurrency: 20
                steps: [ { id: work, kind: agent_task, agent: worker, input: "${item}" } ]
            """);

        await StartInstanceAsync(engine, "thousand", "thousand-1", new { items = Enumerable.Range(0, 1000).ToArray() });
        // About 30 s on either engine on a shared 2-core machine: each of the ~2,000 turns is a durable write.
        var final = await engine.Workflows.WaitForCompletionAsync(Id("thousand-1"), TestTimeout.After(150));

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(Enumerable.Range(0, 1000), final.Output!.Value.EnumerateArray().Select(o => o.GetProperty("input").GetInt32()));
        var history = (await engine.Workflows.GetHistoryAsync(Id("thousand-1"), TestTimeout.After()))!;
        Assert.Equal(1000, history.OfType<TaskCompleted>().Select(e => e.TaskId).Distinct().Count());
        Assert.True(MostTasksUnfinished(history) <= 20);
    }

    [Fact]
    public async Task After_a_crash_mid_fan_out_no_item_or_plan_task_runs_again_once_its_completion_is_recorded()
    {
        var before = new ConformanceAgents();
        before.Blocked.Add("run[2]");
        await using var engine = await StartEngineAsync(before);
        await RegisterAsync(engine, PlannedSwarm);
        await StartInstanceAsync(engine, "swarm", "crash-1", new { docs = new[] { "a", "b", "c" } });
        await before.StartedAsync("run[2]").WaitAsync(TestTimeout.After());
        await UntilAsync(engine, "crash-1", s => s.Steps.Any(step => step.StepId == "run[1]" && step.Status == StepStatus.Completed));
        var recordedBefore = (await engine.Workflows.GetHistoryAsync(Id("crash-1"), TestTimeout.After()))!
            .OfType<TaskCompleted>().Select(e => e.TaskId).ToList();

        var after = new ConformanceAgents();
        await engine.RestartAsync(after);
        var final = await engine.Workflows.WaitForCompletionAsync(Id("crash-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Contains("crash-1:read[2]:1", recordedBefore);
        Assert.Contains("crash-1:run[1]:1", recordedBefore);
        Assert.Empty(after.Executions.Intersect(recordedBefore));
        Assert.Contains("crash-1:run[2]:1", after.Executions);
        var history = (await engine.Workflows.GetHistoryAsync(Id("crash-1"), TestTimeout.After()))!;
        var completed = history.OfType<TaskCompleted>().Select(e => e.TaskId).ToList();
        Assert.Equal(completed.Distinct(), completed);
        Assert.Equal(3 + 1 + 4 + 1, completed.Count);
        Assert.Single(history.OfType<ItemsRecorded>());
        Assert.Single(history.OfType<PlanRecorded>());
    }
}
