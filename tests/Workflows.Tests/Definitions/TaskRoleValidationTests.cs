using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Plans;

namespace AgentPlatform.Workflows.Tests.Definitions;

/// <summary>The <c>role</c> of agent tasks, plan steps and plan tasks, and <c>retry.reassign</c>: what is accepted and how a bad
/// value is named.</summary>
public sealed class TaskRoleValidationTests
{
    [Fact]
    public void Roles_and_reassign_load_into_the_agent_task_and_the_plan_step()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: planner, kind: agent_task, capabilities: { plan: 1 }, role: coordinator }
              - { id: work, kind: plan, plan: "${steps.planner.output}", role: executor, retry: { max_attempts: 3, reassign: false } }
            """);

        var planner = (AgentTaskStep)definition.Steps[0];
        var work = (RunPlanStep)definition.Steps[1];
        Assert.Equal("coordinator", planner.Role);
        Assert.Null(planner.Retry);
        Assert.Equal(("executor", false), (work.Role, work.Retry!.Reassign));
    }

    [Fact]
    public void An_unknown_role_is_named_by_its_path_in_an_agent_task_and_a_plan_step()
    {
        var problems = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: planner, kind: agent_task, agent: x, role: boss }
              - { id: work, kind: plan, plan: "${steps.planner.output}", role: Executor }
            """)).Problems;

        Assert.Equal(["steps[planner].role", "steps[work].role"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Contains("must be 'manager', 'coordinator' or 'executor'", p.Message, StringComparison.Ordinal));
        Assert.Equal(["planner", "work"], problems.Select(p => p.StepId));
    }

    [Fact]
    public void Reassign_on_a_workflow_step_is_refused_because_it_chooses_no_agent()
    {
        var problem = Assert.Single(Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: child, kind: workflow, definition: other, retry: { max_attempts: 2, reassign: false } }
            """)).Problems);

        Assert.Equal("steps[child].retry.reassign", problem.Path);
        Assert.Contains("agent tasks only", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_task_takes_a_role_and_a_bad_or_misplaced_one_is_a_problem_of_the_plan()
    {
        var valid = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "a", "capabilities": { "read": 1 }, "role": "executor" }, { "id": "b", "agent": "x" } ] }
            """).RootElement, 10);
        var invalid = RunTimePlan.Parse(JsonDocument.Parse("""
            { "tasks": [ { "id": "a", "agent": "x", "role": "chief" }, { "id": "b", "workflow": "child", "role": "executor" } ] }
            """).RootElement, 10);

        Assert.True(valid.IsValid);
        Assert.Equal(["executor", null], valid.Tasks.Select(t => t.Role));
        Assert.Equal(
            ["tasks[0].role: must be 'manager', 'coordinator' or 'executor'", "tasks[1].role: applies to agent tasks only, not to a workflow task"],
            invalid.Problems);
    }
}
