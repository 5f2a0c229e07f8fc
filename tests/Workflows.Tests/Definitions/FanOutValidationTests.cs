using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class FanOutValidationTests
{
    private static IReadOnlyList<WorkflowProblem> Problems(string yaml) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml(yaml)).Problems;

    [Fact]
    public void A_for_each_names_every_problem_by_path()
    {
        var problems = Problems("""
            id: w
            steps:
              - id: each
                kind: parallel
                for_each: "items: ${input.items}"
                join: any
                max_concurrency: 0
                branches: [ { steps: [ { id: b1, kind: agent_task, agent: x } ] } ]
            """);

        Assert.Equal(
            ["steps[each].branches", "steps[each].for_each", "steps[each].join", "steps[each].max_concurrency", "steps[each].steps"],
            problems.Select(p => p.Path).Order());
        Assert.Contains("exactly one reference", problems.Single(p => p.Field == "for_each").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_references_are_refused_outside_a_for_each_and_template_steps_cannot_be_referenced_from_outside()
    {
        var problems = Problems("""
            id: w
            steps:
              - { id: first, kind: agent_task, agent: x, input: "${item.name}" }
              - id: each
                kind: parallel
                for_each: ${input.items}
                steps:
                  - { id: fetch, kind: agent_task, agent: x, input: "${item.name} ${item_index} ${steps.first.output}" }
              - { id: after, kind: agent_task, agent: x, input: "${steps.fetch.output}" }
            """);

        Assert.Equal(["steps[after].input", "steps[first].input"], problems.Select(p => p.Path).Order());
        Assert.Contains("only defined inside the steps of a for_each", problems.Single(p => p.StepId == "first").Message, StringComparison.Ordinal);
        Assert.Contains("use steps.each.output", problems.Single(p => p.StepId == "after").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_for_each_template_cannot_hold_another_for_each_or_a_plan()
    {
        var problems = Problems("""
            id: w
            steps:
              - id: each
                kind: parallel
                for_each: ${input.items}
                steps:
                  - { id: inner, kind: parallel, for_each: "${item}", steps: [ { id: leaf, kind: agent_task, agent: x } ] }
                  - { id: run, kind: plan, plan: "${item}" }
            """);

        Assert.Equal(["steps[each].steps[inner].kind", "steps[each].steps[run].kind"], problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void A_plan_step_checks_its_reference_and_task_options()
    {
        var problems = Problems("""
            id: w
            steps:
              - id: run
                kind: plan
                max_concurrency: 0
                min_confidence: 2
                priority: urgent
                timeout: soon
                retry: { max_attempts: 0 }
            """);

        Assert.Equal(
            ["steps[run].max_concurrency", "steps[run].min_confidence", "steps[run].plan", "steps[run].priority", "steps[run].retry.max_attempts", "steps[run].timeout"],
            problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void Task_references_are_refused_in_a_definition()
    {
        var problems = Problems("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x, input: "${tasks.t1.output}" }
            """);

        Assert.Contains("only defined in the task inputs of a run-time plan", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
