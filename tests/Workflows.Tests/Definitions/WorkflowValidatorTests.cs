using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class WorkflowValidatorTests
{
    private static WorkflowDefinitionException Reject(string yaml) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml(yaml));

    private static WorkflowProblem Single(string yaml, string path)
    {
        var problems = Reject(yaml).Problems;
        return Assert.Single(problems, p => p.Path == path);
    }

    [Fact]
    public void An_unknown_step_kind_names_the_step_and_the_kind_field()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: s1, kind: telepathy }
            """, "steps[s1].kind");
        Assert.Equal("s1", problem.StepId);
        Assert.Equal("kind", problem.Field);
        Assert.Contains("unknown step kind 'telepathy'", problem.Message);
    }

    [Fact]
    public void A_missing_step_id_is_named_by_position()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x }
              - { kind: agent_task, agent: x }
            """, "steps[#1].id");
        Assert.Equal("is required", problem.Message);
    }

    [Fact]
    public void A_duplicate_step_id_names_both_places()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x }
              - id: p
                kind: parallel
                branches:
                  - steps: [ { id: a, kind: agent_task, agent: x } ]
            """, "steps[p].branches[0].steps[a].id");
        Assert.Equal("duplicate step id 'a' (also at steps[a])", problem.Message);
    }

    [Fact]
    public void Unknown_steps_in_depends_on_goto_and_references_are_each_reported()
    {
        var problems = Reject("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x, depends_on: [ghost], on_failure: "goto:nowhere" }
              - { id: b, kind: agent_task, agent: x, input: { v: "${steps.phantom.output}" } }
              - { id: c, kind: condition, if: "steps.spook.status == 'completed'", then: [ { id: d, kind: agent_task, agent: x } ] }
            """).Problems;

        Assert.Contains(problems, p => p is { Path: "steps[a].depends_on", StepId: "a", Message: "unknown step 'ghost'" });
        Assert.Contains(problems, p => p is { Path: "steps[a].on_failure", StepId: "a", Message: "goto target 'nowhere' is an unknown step" });
        Assert.Contains(problems, p => p is { Path: "steps[b].input", StepId: "b", Field: "input" } && p.Message.Contains("unknown step 'phantom'"));
        Assert.Contains(problems, p => p is { Path: "steps[c].if", StepId: "c", Field: "if" } && p.Message.Contains("unknown step 'spook'"));
    }

    [Fact]
    public void Goto_must_point_forward_in_the_same_list()
    {
        var problems = Reject("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x }
              - { id: b, kind: agent_task, agent: x, on_failure: "goto:a" }
              - id: c
                kind: condition
                if: "true"
                then: [ { id: d, kind: agent_task, agent: x, on_failure: "goto:a" } ]
            """).Problems;
        Assert.Contains(problems, p => p.Path == "steps[b].on_failure" && p.Message == "goto target 'a' must be listed after the step");
        Assert.Contains(problems, p => p.Path == "steps[c].then[d].on_failure" && p.Message == "goto target 'a' is not in the same step list");
    }

    [Fact]
    public void A_dependency_cycle_is_reported_with_its_path()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x, depends_on: [c] }
              - { id: b, kind: agent_task, agent: x }
              - { id: c, kind: agent_task, agent: x }
            """, "steps[a].depends_on");
        Assert.Equal("dependency cycle: a -> c -> b -> a", problem.Message);
    }

    [Fact]
    public void An_unparseable_expression_names_the_if_field_and_the_position()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: gate, kind: condition, if: "input.x >", then: [ { id: t, kind: agent_task, agent: x } ] }
            """, "steps[gate].if");
        Assert.Contains("unexpected end of expression", problem.Message);
    }

    [Fact]
    public void Unparseable_durations_are_reported_per_field()
    {
        var problems = Reject("""
            id: w
            steps:
              - { id: t, kind: agent_task, agent: x, timeout: soon, retry: { max_attempts: 0, initial_backoff: 1 fortnight, max_backoff: PTXS } }
              - { id: s, kind: wait, duration: 5 minutes }
              - { id: e, kind: wait, event: { name: go, timeout: later } }
              - { id: u, kind: wait, until: tomorrow }
            """).Problems.Select(p => p.Path).ToList();

        Assert.Contains("steps[t].timeout", problems);
        Assert.Contains("steps[t].retry.max_attempts", problems);
        Assert.Contains("steps[t].retry.initial_backoff", problems);
        Assert.Contains("steps[t].retry.max_backoff", problems);
        Assert.Contains("steps[s].duration", problems);
        Assert.Contains("steps[e].event.timeout", problems);
        Assert.Contains("steps[u].until", problems);
    }

    [Fact]
    public void Max_attempts_below_one_reads_as_in_the_spec()
    {
        var problem = Single("""
            id: w
            steps:
              - { id: extract, kind: agent_task, agent: x, retry: { max_attempts: 0 } }
            """, "steps[extract].retry.max_attempts");
        Assert.Equal("steps[extract].retry.max_attempts: must be >= 1", problem.ToString());
    }

    [Fact]
    public void Empty_branches_and_a_join_n_beyond_the_branch_count_are_rejected()
    {
        var problems = Reject("""
            id: w
            steps:
              - id: p
                kind: parallel
                join: n
                n: 3
                branches:
                  - steps: [ { id: a, kind: agent_task, agent: x } ]
                  - steps: []
              - { id: q, kind: parallel, branches: [] }
            """).Problems;

        Assert.Contains(problems, p => p is { Path: "steps[p].branches[1].steps", StepId: "p" });
        Assert.Contains(problems, p => p is { Path: "steps[p].n", StepId: "p", Message: "3 is larger than the number of branches (2)" });
        Assert.Contains(problems, p => p is { Path: "steps[q].branches", StepId: "q" });
    }

    [Theory]
    [InlineData("0", "must be >= 1")]
    [InlineData("-2", "must be >= 1")]
    [InlineData("two", "")]
    [InlineData("1.5", "")]
    public void Max_concurrency_must_be_a_positive_integer_and_is_named_by_path(string value, string message)
    {
        var problem = Single($$"""
            id: w
            steps:
              - id: p
                kind: parallel
                max_concurrency: {{value}}
                branches:
                  - steps: [ { id: a, kind: agent_task, agent: x } ]
            """, "steps[p].max_concurrency");

        Assert.Equal("p", problem.StepId);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_selection_must_be_exactly_one_of_agent_or_capabilities()
    {
        var problems = Reject("""
            id: w
            steps:
              - { id: none, kind: agent_task }
              - { id: both, kind: agent_task, agent: x, capabilities: { a: 1 } }
              - { id: bad, kind: agent_task, capabilities: { a: 0 }, min_confidence: 2 }
            """).Problems.Select(p => p.Path).ToList();

        Assert.Contains("steps[none].agent", problems);
        Assert.Contains("steps[both].agent", problems);
        Assert.Contains("steps[bad].capabilities.a", problems);
        Assert.Contains("steps[bad].min_confidence", problems);
    }

    [Fact]
    public void A_wait_needs_exactly_one_mode_and_unknown_fields_are_reported()
    {
        var problems = Reject("""
            id: w
            steps:
              - { id: w1, kind: wait }
              - { id: w2, kind: agent_task, agent: x, dependson: [w1], retry: { attempts: 2 } }
            """).Problems;
        Assert.Contains(problems, p => p is { Path: "steps[w2].dependson", StepId: "w2", Message: "unknown field 'dependson'" });
        Assert.Contains(problems, p => p is { Path: "steps[w2].retry.attempts", StepId: "w2" });
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var exception = Reject("""
            id: ""
            version: 0
            steps:
              - { id: a, kind: wait }
              - { id: b, kind: agent_task, agent: x, on_failure: explode }
            """);
        Assert.Equal(["id", "version", "steps[a].duration", "steps[b].on_failure"], exception.Problems.Select(p => p.Path));
        Assert.Contains("steps[b].on_failure: 'explode' is not fail, continue or goto:<step>", exception.Message);
    }

    [Fact]
    public void With_declared_inputs_references_to_undeclared_input_fields_are_reported()
    {
        var problem = Single("""
            id: w
            inputs: { doc: { type: string } }
            steps:
              - { id: a, kind: agent_task, agent: x, input: { d: "${input.doc}", e: "${input.dcc}" } }
            """, "steps[a].input");
        Assert.Equal("'input.dcc' references input field 'dcc', which is not declared in inputs", problem.Message);
    }

    [Fact]
    public void A_valid_definition_has_no_problems()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: ok
            steps:
              - { id: a, kind: agent_task, agent: x }
            """);
        Assert.Empty(WorkflowValidator.Validate(definition));
    }
}
