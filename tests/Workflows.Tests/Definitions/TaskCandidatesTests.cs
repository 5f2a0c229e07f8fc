using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Plans;
using AgentPlatform.Workflows.Tests.Decisions;

namespace AgentPlatform.Workflows.Tests.Definitions;

/// <summary>The candidate set (<c>agents</c>) of agent tasks, plan steps and plan tasks: what is accepted, how a bad one is named, and
/// the set each scheduled attempt carries.</summary>
public sealed class TaskCandidatesTests
{
    [Fact]
    public void A_literal_set_and_a_reference_load_into_the_agent_task_and_the_plan_step()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: planner, kind: agent_task, capabilities: { plan: 1 }, agents: [agt_a, worker/1] }
              - { id: work, kind: plan, plan: "${steps.planner.output}", agents: "${input.team}" }
            """);

        Assert.Equal("""["agt_a","worker/1"]""", ((AgentTaskStep)definition.Steps[0]).Agents!.Value.GetRawText());
        Assert.Equal("${input.team}", ((RunPlanStep)definition.Steps[1]).Agents!.Value.GetString());
    }

    [Fact]
    public void Every_bad_set_is_named_by_its_path()
    {
        var many = string.Join(", ", Enumerable.Range(0, AgentCandidates.MaxAgents + 1).Select(i => $"a{i}"));
        var problems = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml($$"""
            id: w
            steps:
              - { id: empty, kind: agent_task, agent: x, agents: [] }
              - { id: twice, kind: agent_task, capabilities: { c: 1 }, agents: [a, b, a] }
              - { id: bad-id, kind: agent_task, capabilities: { c: 1 }, agents: [a, "x#y", 7] }
              - { id: number, kind: agent_task, capabilities: { c: 1 }, agents: 5 }
              - { id: text, kind: plan, plan: "${steps.empty.output}", agents: "agt_a" }
              - { id: ghost, kind: plan, plan: "${steps.empty.output}", agents: "${steps.nowhere.output}" }
              - { id: huge, kind: agent_task, capabilities: { c: 1 }, agents: [{{many}}] }
            """)).Problems;

        Assert.Equal(
            [
                "steps[empty].agents", "steps[twice].agents[2]", "steps[bad-id].agents[1]", "steps[bad-id].agents[2]", "steps[number].agents",
                "steps[text].agents", "steps[ghost].agents", "steps[huge].agents",
            ],
            problems.Select(p => p.Path));
        Assert.Contains("non-empty array of at most 1000 distinct agent ids", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("duplicate agent id 'a' (also agents[0])", problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowNames.AgentIdRule, problems[2].Message);
        Assert.Contains("must be exactly one reference", problems[5].Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", problems[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_agent_outside_its_own_literal_set_is_a_problem_of_the_definition_and_of_the_plan()
    {
        var definition = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: inside, kind: agent_task, agent: agt_a, agents: [agt_a, agt_b] }
              - { id: outside, kind: agent_task, agent: agt_c, agents: [agt_a, agt_b] }
            """)).Problems;
        var plan = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "in", "agent": "x", "agents": ["x"] }, { "id": "out", "agent": "y", "agents": ["x"] } ] }
            """).RootElement, 10);

        var problem = Assert.Single(definition);
        Assert.Equal(("steps[outside].agent", "must be one of the agents of the step's candidate set (agents)"), (problem.Path, problem.Message));
        Assert.Equal(["tasks[1].agent: must be one of the agents of the task's candidate set (agents)"], plan.Problems);
    }

    [Fact]
    public void A_plan_task_takes_a_set_and_a_bad_or_misplaced_one_is_a_problem_of_the_plan()
    {
        var valid = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "a", "capabilities": { "read": 1 }, "agents": ["agt_a", "agt_b"] }, { "id": "b", "agent": "x" } ] }
            """).RootElement, 10);
        var invalid = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "a", "agent": "x", "agents": ["x", "x"] }, { "id": "b", "workflow": "child", "agents": ["x"] }, { "id": "c", "agent": "x", "agents": "x" } ] }
            """).RootElement, 10);

        Assert.True(valid.IsValid);
        Assert.Equal([["agt_a", "agt_b"], null], valid.Tasks.Select(t => t.Agents));
        Assert.Equal(
            [
                "tasks[0].agents[1]: duplicate agent id 'x' (also agents[0])",
                "tasks[1].agents: applies to agent tasks only, not to a workflow task",
                "tasks[2].agents: " + AgentCandidates.Rule,
            ],
            invalid.Problems);
    }

    [Fact]
    public void Each_attempt_carries_the_set_of_its_step_a_reference_resolved_and_a_plan_task_s_own_set_narrowed_by_its_plan_step()
    {
        var harness = new WorkflowHarness("""
            id: w
            steps:
              - { id: lead, kind: agent_task, capabilities: { plan: 1 }, agents: [agt_p, agt_q] }
              - { id: picked, kind: agent_task, capabilities: { plan: 1 }, agents: "${input.team}" }
              - { id: work, kind: plan, plan: "${steps.lead.output}", agents: "${input.team}" }
              - { id: open, kind: agent_task, capabilities: { plan: 1 }, agents: "${input.nobody}" }
            """, new { team = new[] { "agt_a", "agt_b" } });

        Assert.Equal(["agt_p", "agt_q"], harness.LastScheduled("lead").Agent!.Agents!);
        harness.Complete("lead", JsonDocument.Parse("""
            { "tasks": [ { "id": "x", "capabilities": { "c": 1 } }, { "id": "y", "capabilities": { "c": 1 }, "agents": ["agt_z", "agt_b"] } ] }
            """).RootElement);
        Assert.Equal(["agt_a", "agt_b"], harness.LastScheduled("picked").Agent!.Agents!);
        harness.Complete("picked");

        Assert.Equal(["agt_a", "agt_b"], harness.LastScheduled("work[0]").Agent!.Agents!);
        Assert.Equal(["agt_b"], harness.LastScheduled("work[1]").Agent!.Agents!);
        Assert.Equal(["agt_b"], harness.History.OfType<TaskScheduled>().Single(e => e.StepId == "work[1]").Agent!.Agents!);
        harness.Complete("work[0]");
        harness.Complete("work[1]");

        // A reference that resolves to nothing gives an empty set, which no agent is in: it never opens the task to everyone.
        Assert.Empty(harness.LastScheduled("open").Agent!.Agents!);
    }
}
