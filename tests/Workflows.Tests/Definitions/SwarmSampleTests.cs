using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Plans;
using AgentPlatform.Workflows.Tests.Decisions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class SwarmSampleTests
{
    [Fact]
    public void The_swarm_sample_plans_fans_out_with_dependencies_and_aggregates()
    {
        var definition = WorkflowDefinitionLoader.FromYaml(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "workflows", "swarm.yaml")));
        var harness = new WorkflowHarness(definition, new { documents = new[] { "a.pdf", "b.pdf" }, question = "What changed?" });
        Assert.Contains("${tasks.<id>.output}", harness.LastScheduled("planner").Input!.Value.GetProperty("instructions").GetString(), StringComparison.Ordinal);

        harness.Complete("planner", JsonDocument.Parse("""
            { "tasks": [
              { "id": "read-a", "capabilities": { "read": 1 }, "input": { "doc": "a.pdf" } },
              { "id": "read-b", "capabilities": { "read": 1 }, "input": { "doc": "b.pdf" } },
              { "id": "diff", "capabilities": { "compare": 1 }, "input": ["${tasks.read-a.output}", "${tasks.read-b.output}"], "depends_on": ["read-a", "read-b"] }
            ] }
            """).RootElement);
        harness.Complete("work[1]", "B");
        harness.Complete("work[0]", "A");
        Assert.Equal("""["A","B"]""", harness.LastScheduled("work[2]").Input!.Value.GetRawText());
        harness.Complete("work[2]", "A->B");
        Assert.Equal("""{"read-a":"A","read-b":"B","diff":"A->B"}""", harness.LastScheduled("aggregate").Input!.Value.GetProperty("findings").GetRawText());
        harness.Complete("aggregate", "B replaces A");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("\"B replaces A\"", harness.State.Output!.Value.GetProperty("answer").GetRawText());
    }

    [Fact]
    public void The_published_plan_schema_states_the_rules_the_code_enforces()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "schemas", "plan.schema.json")));
        var tasks = schema.RootElement.GetProperty("properties").GetProperty("tasks");
        Assert.Equal(new WorkflowLimitsOptions().MaxPlanTasks, tasks.GetProperty("maxItems").GetInt32());
        Assert.Equal(1, tasks.GetProperty("minItems").GetInt32());
        var task = schema.RootElement.GetProperty("$defs").GetProperty("task");
        var fields = task.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        var unknown = RunTimePlan.Parse(JsonDocument.Parse("""{ "tasks": [ { "id": "a", "agent": "x", "extra": 1 } ] }""").RootElement, 10);
        Assert.Contains($"tasks[0].extra: unknown field (expected {string.Join(", ", fields)})", unknown.Problems);
        foreach (var field in fields)
        {
            var value = field switch { "id" => "\"a\"", "agent" => "\"x\"", "role" => "\"executor\"", "agents" => "[\"x\"]", "depends_on" => "[]", _ => "\"text\"" };
            var plan = field switch
            {
                "capabilities" => """{ "tasks": [ { "id": "a", "capabilities": { "c": 1 } } ] }""",
                "workflow" => """{ "tasks": [ { "id": "a", "workflow": "goal" } ] }""",
                "version" => """{ "tasks": [ { "id": "a", "workflow": "goal", "version": 2 } ] }""",
                _ => $$"""{ "tasks": [ { "id": "a", "agent": "x", "{{field}}": {{value}} } ] }""",
            };
            Assert.True(RunTimePlan.Parse(JsonDocument.Parse(plan).RootElement, 10).IsValid, plan);
        }

        var tooMany = RunTimePlan.Parse(JsonDocument.Parse("""{ "tasks": [ { "id": "a", "agent": "x" }, { "id": "b", "agent": "x" } ] }""").RootElement, 1);
        Assert.Equal(["tasks: has 2 tasks, more than the limit MaxPlanTasks (1)"], tooMany.Problems);
    }
}
