using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderPlanTests
{
    private static string Swarm(int? limit = null, string onFailure = "fail", string retry = "") => $$"""
        id: swarm
        steps:
          - { id: planner, kind: agent_task, agent: x }
          - id: run
            kind: plan
            plan: ${steps.planner.output}
            on_failure: {{onFailure}}
            {{(limit is null ? "" : $"max_concurrency: {limit}")}}
            {{retry}}
          - { id: aggregate, kind: agent_task, agent: x, input: "${steps.run.output}" }
        """;

    private static JsonElement Plan(string json) => JsonDocument.Parse(json).RootElement;

    private const string Diamond = """
        { "tasks": [
          { "id": "a", "capabilities": { "read": 1 }, "input": { "doc": 1 } },
          { "id": "b", "agent": "y", "input": "${tasks.a.output}", "depends_on": ["a"] },
          { "id": "c", "agent": "y", "depends_on": ["a"] },
          { "id": "d", "agent": "y", "input": ["${tasks.b.output}", "${tasks.c.output}"], "depends_on": ["b", "c"] }
        ] }
        """;

    [Fact]
    public void A_valid_plan_is_recorded_and_runs_as_a_dag_whose_inputs_see_their_dependencies()
    {
        var harness = new WorkflowHarness(Swarm());
        harness.Complete("planner", Plan(Diamond));

        Assert.NotNull(harness.History.OfType<PlanRecorded>().Single().Plan);
        Assert.Equal(["run[0]"], harness.PendingTaskSteps);
        var first = harness.LastScheduled("run[0]");
        Assert.Equal("wf-1:run[0]:1", first.TaskId);
        Assert.Equal(1.0, first.Agent!.Capabilities!["read"]);

        harness.Complete("run[0]", "A");
        Assert.Equal(["run[1]", "run[2]"], harness.PendingTaskSteps);
        Assert.Equal("\"A\"", harness.LastScheduled("run[1]").Input!.Value.GetRawText());
        Assert.Equal("y", harness.LastScheduled("run[1]").Agent!.AgentId);
        harness.Complete("run[2]", "C");
        harness.Complete("run[1]", "B");
        Assert.Equal("""["B","C"]""", harness.LastScheduled("run[3]").Input!.Value.GetRawText());
        harness.Complete("run[3]", "D");

        Assert.Equal("""{"a":"A","b":"B","c":"C","d":"D"}""", harness.Step("run").Output!.Value.GetRawText());
        Assert.Equal(["aggregate"], harness.PendingTaskSteps);
    }

    [Fact]
    public void Max_concurrency_bounds_the_plan_tasks_in_flight()
    {
        var harness = new WorkflowHarness(Swarm(limit: 2));
        harness.Complete("planner", Plan("""{ "tasks": [ { "id": "t1", "agent": "y" }, { "id": "t2", "agent": "y" }, { "id": "t3", "agent": "y" } ] }"""));

        Assert.Equal(["run[0]", "run[1]"], harness.PendingTaskSteps);
        harness.Complete("run[1]");
        Assert.Equal(["run[0]", "run[2]"], harness.PendingTaskSteps);
    }

    [Fact]
    public void An_invalid_plan_fails_the_step_naming_every_problem_and_on_failure_handles_it()
    {
        var harness = new WorkflowHarness(Swarm(onFailure: "continue"));
        harness.Complete("planner", Plan("""
            { "tasks": [
              { "id": "a", "agent": "y", "depends_on": ["c"] },
              { "id": "a", "capabilities": { "x": 1 } },
              { "id": "b", "agent": "y", "depends_on": ["ghost"], "input": "${tasks.a.output}" },
              { "id": "c", "depends_on": ["a"] }
            ] }
            """));

        var error = harness.Step("run").Error!;
        Assert.StartsWith("invalid_plan: ", error, StringComparison.Ordinal);
        Assert.Contains("tasks[1].id: duplicate task id 'a'", error, StringComparison.Ordinal);
        Assert.Contains("tasks[2].depends_on: unknown task 'ghost'", error, StringComparison.Ordinal);
        Assert.Contains("tasks[2].input: 'tasks.a.output' references task 'a', which is not in depends_on", error, StringComparison.Ordinal);
        Assert.Contains("tasks[3].agent: set exactly one of agent", error, StringComparison.Ordinal);
        Assert.Contains("dependency cycle: a -> c -> a", error, StringComparison.Ordinal);
        Assert.Equal(5, harness.History.OfType<PlanRecorded>().Single().Problems!.Count);
        Assert.Equal(["aggregate"], harness.PendingTaskSteps);
    }

    [Theory]
    [InlineData("""{ "tasks": [] }""", "tasks: the plan is empty")]
    [InlineData("""[1]""", "the plan must be an object with tasks, not an array")]
    [InlineData("""{ "tasks": [ { "id": "a", "agent": "y", "depends_on": ["b"] }, { "id": "b", "agent": "y", "depends_on": ["a"] } ] }""", "dependency cycle: a -> b -> a")]
    public void Empty_shapeless_and_cyclic_plans_are_invalid(string plan, string problem)
    {
        var harness = new WorkflowHarness(Swarm());
        harness.Complete("planner", Plan(plan));

        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Contains(problem, harness.Step("run").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_tasks_retry_by_the_step_retry_policy_and_a_task_failing_for_good_fails_the_step()
    {
        var harness = new WorkflowHarness(Swarm(retry: "retry: { max_attempts: 2 }"));
        harness.Complete("planner", Plan("""{ "tasks": [ { "id": "a", "agent": "y" }, { "id": "b", "agent": "y" } ] }"""));
        harness.Fail("run[0]", "flaky");
        Assert.Equal("wf-1:run[0]:2", harness.LastScheduled("run[0]").TaskId);
        harness.Fail("run[0]", "down");

        Assert.Equal(WorkflowStatus.Failed, harness.Status);
        Assert.Equal("step 'run[0]' failed: down (after 2 attempts)", harness.Step("run").Error);
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("run[1]"));
    }

    [Fact]
    public void The_plan_steps_role_and_reassign_reach_every_task_a_tasks_own_role_wins_and_an_agent_task_carries_its_own()
    {
        var harness = new WorkflowHarness("""
            id: team
            steps:
              - { id: planner, kind: agent_task, agent: x, role: coordinator, retry: { max_attempts: 2, reassign: false } }
              - { id: run, kind: plan, plan: "${steps.planner.output}", role: executor, retry: { max_attempts: 2, reassign: false } }
            """);
        Assert.Equal(("coordinator", false), (harness.LastScheduled("planner").Agent!.Role, harness.LastScheduled("planner").Agent!.Reassign));
        harness.Complete("planner", Plan("""
            { "tasks": [ { "id": "a", "capabilities": { "read": 1 } }, { "id": "b", "agent": "y", "role": "manager" } ] }
            """));

        var a = harness.LastScheduled("run[0]").Agent!;
        var b = harness.LastScheduled("run[1]").Agent!;
        Assert.Equal(("executor", false), (a.Role, a.Reassign));
        Assert.Equal(("manager", false), (b.Role, b.Reassign));
    }
}
