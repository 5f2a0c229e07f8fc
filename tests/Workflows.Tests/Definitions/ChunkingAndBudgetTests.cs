using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Tests.Decisions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class ChunkingAndBudgetTests
{
    private static IReadOnlyList<WorkflowProblem> Problems(string yaml) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.FromYaml(yaml)).Problems;

    [Fact]
    public void Chunking_and_budget_problems_are_each_named_by_path()
    {
        var problems = Problems("""
            id: w
            budget: { max_tokens: 0, max_cost: -1 }
            steps:
              - id: a
                kind: agent_task
                agent: llm/writer
                chunking: { max_tokens: 0, overlap_tokens: -1 }
              - id: b
                kind: agent_task
                agent: llm/writer
                chunking: { input: "${steps.nope.output}", max_tokens: 100, overlap_tokens: 100, reduce_prompt: "  " }
            """);

        Assert.Equal(
            [
                "budget.max_cost", "budget.max_tokens",
                "steps[a].chunking.input", "steps[a].chunking.max_tokens", "steps[a].chunking.overlap_tokens", "steps[a].chunking.reduce_prompt",
                "steps[b].chunking.input", "steps[b].chunking.overlap_tokens", "steps[b].chunking.reduce_prompt",
            ],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("less than chunking.max_tokens (100)", problems.Single(p => p.Path == "steps[b].chunking.overlap_tokens").Message, StringComparison.Ordinal);
        var unknown = Assert.Single(Problems("""
            id: w
            steps:
              - { id: c, kind: agent_task, agent: llm/writer, chunking: { input: "${input.text}", max_tokens: 100, reduce_prompt: "Merge.", max_chunks: 3 } }
            """));
        Assert.Equal("steps[c].chunking.max_chunks", unknown.Path);
    }

    [Fact]
    public void A_budget_needs_a_limit_and_a_reduce_prompt_reference_is_checked_like_any_input()
    {
        var problems = Problems("""
            id: w
            budget: {}
            steps:
              - id: a
                kind: agent_task
                agent: llm/writer
                chunking: { input: "${input.text}", max_tokens: 100, reduce_prompt: "Combine for ${steps.nope.output}" }
            """);

        Assert.Equal(["budget", "steps[a].chunking.reduce_prompt"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_chunked_step_hands_its_agent_the_prompt_and_the_resolved_text_with_the_chunking_settings()
    {
        var definition = WorkflowDefinitionLoader.FromYaml("""
            id: w
            budget: { max_tokens: 5000, max_cost: 0.25 }
            steps:
              - { id: fetch, kind: agent_task, agent: fetcher }
              - id: summarize
                kind: agent_task
                agent: llm/writer
                depends_on: [fetch]
                input: "Summarize for ${input.reader}."
                chunking: { input: "${steps.fetch.output.body}", max_tokens: 2000, overlap_tokens: 200, reduce_prompt: "Merge the summaries for ${input.reader}." }
            """);
        Assert.Equal((5000L, 0.25m), (definition.Budget!.MaxTokens, definition.Budget.MaxCost));

        var harness = new WorkflowHarness(definition, new { reader = "the board" });
        harness.Complete("fetch", new { body = "a very long report" });

        Assert.Equal(
            """{"prompt":"Summarize for the board.","chunking":{"text":"a very long report","max_tokens":2000,"overlap_tokens":200,"reduce_prompt":"Merge the summaries for the board."}}""",
            harness.LastScheduled("summarize").Input!.Value.GetRawText());
    }
}
