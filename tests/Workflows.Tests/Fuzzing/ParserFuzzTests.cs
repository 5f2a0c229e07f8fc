using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Tests.Expressions;
using CsCheck;
using Xunit.Abstractions;

namespace AgentPlatform.Workflows.Tests.Fuzzing;

/// <summary>Property-based fuzzing of the expression parser and the definition loader: whatever the text, they answer
/// or throw their documented validation exception, never anything else and never a stack overflow (which would end the
/// test process). Iterations are bounded for CI; set <c>FUZZ_SECONDS</c> for a longer run.</summary>
[Trait("Category", "Fuzz")]
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] ExpressionSeeds =
    [
        "input.amount > 1000 and length(steps.extract.output.lines) >= 1",
        "not (input.a == 'x' || exists(steps.b.output['k'][0])) && true",
        "((((input.a))))",
        "length(length(input.b)) != -1.5e3 or null == false",
        "steps.extract-2.status == \"completed\"",
    ];

    private static readonly FakeResolver Resolver = new(
        new { amount = 1500, a = "x", b = new[] { 1, 2 } },
        new Dictionary<string, object?> { ["extract"] = new { lines = new[] { "l" } }, ["b"] = new { k = new[] { 1 } } });

    [Fact]
    public void The_expression_parser_and_evaluator_throw_only_expression_exceptions()
    {
        var limits = new ExpressionLimits { MaxLength = ExpressionLimits.LengthCeiling, MaxDepth = ExpressionLimits.DepthCeiling };
        Mutations.OrArbitrary(ExpressionSeeds, "()[]!=<>&|'\"\\.,- 0123456789eanotrinputsxlgh_\u0000\u00e9").Sample(
            text =>
            {
                try
                {
                    ConditionExpression.Parse(text, limits).Evaluate(Resolver);
                }
                catch (ExpressionException)
                {
                }

                try
                {
                    Reference.Parse(text, limits);
                }
                catch (ExpressionException)
                {
                }
            },
            writeLine: output.WriteLine,
            iter: FuzzBudget.Iterations(20_000),
            time: FuzzBudget.Seconds);
    }

    [Fact]
    public void The_yaml_loader_throws_only_definition_exceptions()
    {
        string[] seeds =
        [
            Definitions.WorkflowDefinitionLoaderTests.Yaml,
            "id: a\nsteps:\n  - &s { id: x, kind: wait, duration: 1s }\nb: [*s, *s]\n",
            "id: a\nsteps: [ { id: c, kind: condition, if: 'input.a', then: [ { id: p, kind: parallel, branches: [ { steps: [ { id: w, kind: wait, event: { name: go } } ] } ] } ] } ]\n",
        ];
        Mutations.OrArbitrary(seeds, "-:[]{}&*!|>'\"#%@`?,\n \t0123456789abcdefiknpstw${}.\u00a0\ufeff").Sample(
            text => LoadAndDecide(() => WorkflowDefinitionLoader.FromYaml(text)),
            writeLine: output.WriteLine,
            iter: FuzzBudget.Iterations(1_500),
            time: FuzzBudget.Seconds);
    }

    [Fact]
    public void The_json_loader_throws_only_definition_exceptions()
    {
        string[] seeds =
        [
            """{"id":"a","version":2,"inputs":{"n":{"type":"number"}},"steps":[{"id":"t","kind":"agent_task","agent":"x","input":{"v":"${input.n}","s":"a ${steps.t.output} $${"},"retry":{"max_attempts":3,"initial_backoff":"1s"}},{"id":"c","kind":"condition","if":"input.n > 1","then":[{"id":"w","kind":"wait","until":"2026-01-01T00:00:00Z"}]}],"output":"${steps.c.output}"}""",
            """{"id":"p","steps":[{"id":"p","kind":"parallel","join":"n","n":1,"branches":[{"name":"a","steps":[{"id":"a1","kind":"wait","duration":"PT1S","on_failure":"continue"}]}]}]}""",
        ];
        Mutations.OrArbitrary(seeds, "{}[]\":,\\ 0123456789.eE+-truefalsnl$/*\u0000\ud800").Sample(
            text => LoadAndDecide(() => WorkflowDefinitionLoader.FromJson(text)),
            writeLine: output.WriteLine,
            iter: FuzzBudget.Iterations(2_500),
            time: FuzzBudget.Seconds);
    }

    /// <summary>Loads; a definition that loads must also serialize, load again and be decided from its start.</summary>
    private static void LoadAndDecide(Func<WorkflowDefinition> load)
    {
        WorkflowDefinition definition;
        try
        {
            definition = load();
        }
        catch (WorkflowDefinitionException)
        {
            return;
        }

        var again = WorkflowDefinitionLoader.FromJson(WorkflowDefinitionLoader.ToJson(definition));
        WorkflowDecider.Decide(again, [new WorkflowStarted
        {
            Sequence = 1,
            Timestamp = DateTimeOffset.UnixEpoch,
            InstanceId = "fuzz",
            DefinitionId = again.Id,
            DefinitionVersion = again.Version,
            Input = JsonDocument.Parse("""{"n":2,"a":"x"}""").RootElement,
        }]);
    }
}
