using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

/// <summary>LLM options of definitions on every engine: the chunked task input an agent receives, and the definition's budget that
/// the LLM budget check reads back from the engine.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_chunked_step_hands_its_agent_the_resolved_chunking_input_and_the_definition_keeps_its_budget()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: chunked
            budget: { max_tokens: 5000, max_cost: 0.25 }
            steps:
              - id: summarize
                kind: agent_task
                agent: worker
                input: "Summarize for ${input.reader}."
                chunking: { input: "${input.text}", max_tokens: 2000, overlap_tokens: 200, reduce_prompt: "Merge for ${input.reader}." }
            """);

        var final = await RunAsync(engine, "chunked", "chunk-1", new { reader = "the board", text = "a long report" });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        const string Expected = """{"prompt":"Summarize for the board.","chunking":{"text":"a long report","max_tokens":2000,"overlap_tokens":200,"reduce_prompt":"Merge for the board."}}""";
        Assert.Equal(Expected, final.Steps.Single(s => s.StepId == "summarize").Output!.Value.GetProperty("input").GetRawText());
        var history = await engine.Workflows.GetHistoryAsync(Id("chunk-1"), TestTimeout.After());
        Assert.Equal(Expected, history!.OfType<TaskScheduled>().Single().Input!.Value.GetRawText());
        var definition = await engine.Workflows.GetDefinitionAsync(final.DefinitionId, final.DefinitionVersion, TestTimeout.After());
        Assert.Equal((5000L, 0.25m), (definition!.Budget!.MaxTokens, definition.Budget.MaxCost));
    }
}
