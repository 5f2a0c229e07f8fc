using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Definitions;

/// <summary>The bounds of <see cref="WorkflowLimitsOptions"/>: each is enforced with a problem naming it, and the
/// defaults leave room for plans of 5,000 steps.</summary>
public sealed class WorkflowLimitsTests
{
    private const string Wait = """{"id":"w","kind":"wait","duration":"1s"}""";

    [Fact]
    public void The_options_validator_reports_every_bad_limit_at_once()
    {
        var result = new WorkflowLimitsOptionsValidator().Validate(null, new WorkflowLimitsOptions
        {
            MaxNestingDepth = 65,
            MaxExpressionDepth = 0,
            MaxSteps = 0,
        });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Workflows:Limits:MaxNestingDepth", StringComparison.Ordinal));
        Assert.True(new WorkflowLimitsOptionsValidator().Validate(null, new WorkflowLimitsOptions()).Succeeded);
    }

    [Theory]
    [InlineData(30_000)]
    [InlineData(33)]
    public void Nested_parentheses_beyond_the_depth_limit_are_refused_without_recursing(int depth)
    {
        var text = new string('(', depth) + "true" + new string(')', depth);

        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Parse(text, new ExpressionLimits { MaxLength = 1_000_000 }));

        Assert.Contains("MaxExpressionDepth (32)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ceiling_holds_even_when_the_configured_depth_is_larger()
    {
        var text = new string('(', 5_000) + "true" + new string(')', 5_000);

        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Parse(text, new ExpressionLimits { MaxLength = 1_000_000, MaxDepth = int.MaxValue }));

        Assert.Contains($"MaxExpressionDepth ({ExpressionLimits.DepthCeiling})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_of_ors_is_one_flat_node_and_evaluates()
    {
        var text = string.Join(" or ", Enumerable.Repeat("false", 5_000)) + " or true";

        var expression = ConditionExpression.Parse(text, new ExpressionLimits { MaxLength = 100_000 });

        Assert.True(expression.Evaluate(new Expressions.FakeResolver(new { }, new Dictionary<string, object?>())));
    }

    [Fact]
    public void Long_expressions_and_references_name_their_limit()
    {
        var expression = Assert.Throws<ExpressionException>(() => ConditionExpression.Parse(new string(' ', 4_097) + "true", new ExpressionLimits()));
        var reference = Assert.Throws<ExpressionException>(() => Reference.Parse("input" + string.Concat(Enumerable.Repeat(".a", 300)), new ExpressionLimits()));

        Assert.Contains("MaxExpressionLength (4096)", expression.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReferenceLength (512)", reference.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: x\nsteps: " + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "MaxNestingDepth (64)")]
    [InlineData("id: x\nsteps: []\na: &a [1, 2]\nb: [*a, *a, *a]\n", "MaxYamlAliases (2)")]
    [InlineData("id: !!str x\nsteps: []\n", "tags")]
    [InlineData("id: x\nid: y\nsteps: []\n", "duplicate key 'id'")]
    [InlineData("id: x\n? [a]\n: b\nsteps: []\n", "keys must be plain scalars")]
    [InlineData("id: x\nsteps: *missing\n", "names no finished anchor")]
    [InlineData("id: &a [*a]\nsteps: []\n", "names no finished anchor")]
    public void Yaml_beyond_the_limits_is_refused_with_the_reason(string yaml, string reason)
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml(yaml, new WorkflowLimitsOptions { MaxYamlAliases = 2 }));

        Assert.Contains(error.Problems, p => p.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Text_the_parsers_choke_on_is_a_definition_problem()
    {
        // Both found by fuzzing: YamlDotNet's scanner throws InvalidOperationException, the JSON reader ArgumentException.
        var yaml = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("id: a\nsteps:\n  - &s { id: x, kind: wait, dur{tion: 1s }\n"));
        var json = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson("{\"id\":\"a\ud800\"}"));

        Assert.Contains("not valid YAML", yaml.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate", json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_aliases_expand_within_the_limits()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: aliased
            steps:
              - &step { id: only, kind: agent_task, agent: worker, input: &payload { a: [1, 2, 3] } }
            output: *payload
            """);

        Assert.Equal("""{"a":[1,2,3]}""", definition.Output!.Value.GetRawText());
    }

    [Fact]
    public void A_billion_laughs_is_stopped_by_the_node_limit()
    {
        var yaml = "id: lol\nsteps: []\na: &a [x,x,x,x,x,x,x,x,x,x]\n"
            + string.Concat(Enumerable.Range(0, 8).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(",", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]\n"));

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml(yaml));

        Assert.Contains("MaxNodes (250000)", error.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_beyond_the_limits_is_refused_with_the_reason()
    {
        var deep = """{"id":"x","steps":[{"id":"a","kind":"agent_task","agent":"x","input":""" + new string('[', 100) + new string(']', 100) + "}]}";
        var many = """{"id":"x","steps":[{"id":"a","kind":"agent_task","agent":"x","input":[""" + string.Join(",", Enumerable.Repeat("0", 2_000)) + "]}]}";
        var limits = new WorkflowLimitsOptions { MaxNodes = 1_000, MaxDefinitionBytes = 2_048 };

        Assert.Contains("MaxNestingDepth (64)", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson(deep)).Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson("""{"id":"x","id":"y"}""")).Message, StringComparison.Ordinal);
        Assert.Contains("MaxDefinitionBytes (2048", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson(many, limits)).Message, StringComparison.Ordinal);
        Assert.Contains("MaxNodes (1000)", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson(many, new WorkflowLimitsOptions { MaxNodes = 1_000 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_beyond_the_count_and_depth_limits_are_refused()
    {
        var nested = """{"id":"x","steps":[{"id":"c1","kind":"condition","if":"true","then":[{"id":"c2","kind":"condition","if":"true","then":[""" + Wait + "]}]}]}";
        var limits = new WorkflowLimitsOptions { MaxStepDepth = 2, MaxSteps = 1 };

        var error = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson(nested, limits));

        Assert.Contains(error.Problems, p => p.Message.Contains("MaxStepDepth (2)", StringComparison.Ordinal) && p.StepId == "c2");
        Assert.Contains(error.Problems, p => p.Message.Contains("MaxSteps (1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_that_could_not_name_an_actor_are_refused()
    {
        foreach (var id in new[] { "a/b", "..", ".", "a\\b", "a#b", "a?b", "a b", new string('d', 129) })
        {
            var definition = new WorkflowDefinition { Id = id, Steps = [new WaitStep { Id = "w", Duration = "1s" }] };
            Assert.Contains(WorkflowValidator.Validate(definition), p => p.Field == "id");
        }
    }

    [Fact]
    public void A_plan_of_5000_chained_steps_loads_validates_and_decides()
    {
        var steps = Enumerable.Range(0, 5_000).Select(i => i == 0
            ? """{"id":"s0","kind":"agent_task","agent":"planner"}"""
            : $$$"""{"id":"s{{{i}}}","kind":"agent_task","agent":"planner","input":"${steps.s{{{i - 1}}}.output}"}""");
        var definition = WorkflowDefinitionLoader.FromJson($$"""{"id":"plan","steps":[{{string.Join(",", steps)}}]}""");

        var decision = WorkflowDecider.Decide(definition, [new WorkflowStarted { Sequence = 1, Timestamp = DateTimeOffset.UnixEpoch, InstanceId = "i", DefinitionId = "plan", DefinitionVersion = 1 }]);

        Assert.Single(decision.State.CurrentSteps);
    }
}
