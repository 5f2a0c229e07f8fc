using System.Text.Json;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionLoaderTests
{
    internal const string Yaml = """
        id: invoice-review
        version: 3
        description: Review an invoice
        inputs:
          doc: { type: string, required: true }
          amount: { type: number }
        steps:
          - id: extract
            kind: agent_task
            agent: extractor
            input:
              doc: ${input.doc}
              strict: true
              pages: [1, 2]
            timeout: 30s
            retry: { max_attempts: 3, initial_backoff: 1s, multiplier: 2.5, max_backoff: PT10S }
            on_failure: continue
          - id: gate
            kind: condition
            if: input.amount > 1000 and length(steps.extract.output.lines) >= 1
            then:
              - id: approval
                kind: wait
                event: { name: approved, timeout: 24h }
            else:
              - { id: pause, kind: wait, duration: 5m }
          - id: checks
            kind: parallel
            join: n
            n: 1
            depends_on: [gate]
            branches:
              - name: fraud
                steps:
                  - id: fraud-check
                    kind: agent_task
                    capabilities: { fraud: 1, finance: 0.5 }
                    min_confidence: 0.7
              - steps:
                  - { id: hold, kind: wait, until: "2026-06-01T00:00:00Z" }
        output:
          verdict: ${steps.checks.output}
        """;

    internal const string Json = """
        {
          "id": "invoice-review", "version": 3, "description": "Review an invoice",
          "inputs": { "doc": { "type": "string", "required": true }, "amount": { "type": "number" } },
          "steps": [
            { "kind": "agent_task", "id": "extract", "agent": "extractor",
              "input": { "doc": "${input.doc}", "strict": true, "pages": [1, 2] },
              "timeout": "30s",
              "retry": { "max_attempts": 3, "initial_backoff": "1s", "multiplier": 2.5, "max_backoff": "PT10S" },
              "on_failure": "continue" },
            { "id": "gate", "kind": "condition",
              "if": "input.amount > 1000 and length(steps.extract.output.lines) >= 1",
              "then": [ { "id": "approval", "kind": "wait", "event": { "name": "approved", "timeout": "24h" } } ],
              "else": [ { "id": "pause", "kind": "wait", "duration": "5m" } ] },
            { "id": "checks", "kind": "parallel", "join": "n", "n": 1, "depends_on": ["gate"],
              "branches": [
                { "name": "fraud", "steps": [ { "id": "fraud-check", "kind": "agent_task",
                  "capabilities": { "fraud": 1, "finance": 0.5 }, "min_confidence": 0.7 } ] },
                { "steps": [ { "id": "hold", "kind": "wait", "until": "2026-06-01T00:00:00Z" } ] } ] }
          ],
          "output": { "verdict": "${steps.checks.output}" }
        }
        """;

    [Fact]
    public void Yaml_and_json_of_the_same_definition_load_into_equal_models()
    {
        var fromYaml = WorkflowDefinitionLoader.FromYaml(Yaml);
        var fromJson = WorkflowDefinitionLoader.FromJson(Json);

        Assert.Equal(WorkflowDefinitionLoader.ToJson(fromJson), WorkflowDefinitionLoader.ToJson(fromYaml));
        var extract = Assert.IsType<AgentTaskStep>(fromYaml.Steps[0]);
        Assert.Equal(2.5, extract.Retry!.Multiplier);
        Assert.Equal(JsonValueKind.True, extract.Input!.Value.GetProperty("strict").ValueKind);
        var checks = Assert.IsType<ParallelStep>(fromYaml.Steps[2]);
        Assert.Equal(0.5, Assert.IsType<AgentTaskStep>(checks.Branches[0].Steps[0]).Capabilities!["finance"]);
        Assert.IsType<WaitStep>(Assert.IsType<ConditionStep>(fromYaml.Steps[1]).Then[0]);
    }

    [Fact]
    public void A_serialized_definition_loads_back_into_the_same_model()
    {
        var original = WorkflowDefinitionLoader.FromYaml(Yaml);
        var json = WorkflowDefinitionLoader.ToJson(original);
        Assert.Equal(json, WorkflowDefinitionLoader.ToJson(WorkflowDefinitionLoader.Load(json)));
        Assert.StartsWith("{\"id\":\"invoice-review\"", json);
        Assert.Contains("\"kind\":\"agent_task\"", json);
        Assert.Contains("\"depends_on\":[\"gate\"]", json);
    }

    [Fact]
    public void Quoted_yaml_scalars_stay_strings()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: quoted
            steps:
              - { id: a, kind: agent_task, agent: x, input: { n: "12", b: 'true', plain: 12 } }
            """);
        var input = Assert.IsType<AgentTaskStep>(definition.Steps[0]).Input!.Value;
        Assert.Equal(JsonValueKind.String, input.GetProperty("n").ValueKind);
        Assert.Equal(JsonValueKind.String, input.GetProperty("b").ValueKind);
        Assert.Equal(JsonValueKind.Number, input.GetProperty("plain").ValueKind);
    }

    [Fact]
    public void Broken_text_and_wrong_types_are_reported_as_problems()
    {
        Assert.Contains("not valid YAML", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("id: [unclosed")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromJson("{ \"id\": ")).Message);
        var wrongType = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - { id: a, kind: agent_task, agent: x, retry: { max_attempts: lots } }
            """));
        var problem = Assert.Single(wrongType.Problems);
        Assert.Equal("steps[a].retry.max_attempts", problem.Path);
        Assert.Equal("a", problem.StepId);
        Assert.Equal("retry.max_attempts", problem.Field);
        var nested = Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml("""
            id: w
            steps:
              - id: p
                kind: parallel
                branches:
                  - steps: [ { id: c, kind: condition, if: true, then: [] } ]
            """));
        Assert.Equal("steps[p].branches[0].steps[c].if", Assert.Single(nested.Problems).Path);
    }
}
