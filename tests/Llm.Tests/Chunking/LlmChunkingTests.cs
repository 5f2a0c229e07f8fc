using System.Text.Json;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Chunking;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Tests.Agents;
using AgentPlatform.Llm.Tools;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Chunking;

/// <summary>Chunked tasks through the executor and the test LLM server, which echoes each user message.</summary>
public sealed class LlmChunkingTests(ITestOutputHelper output)
{
    private const string Prompt = "Summarize.";
    private const string Reduce = "Merge.";

    private readonly LlmTokenEstimator _tokens = new();

    [Fact]
    public async Task AShortInputMakesExactlyOneCallWithThePromptAndTheWholeText()
    {
        await using var rig = await ExecutorRig.StartAsync(output);

        var result = await rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked("a short text", 100, 10), TestTimeout.After());

        Assert.Equal("echo: Summarize.\n\na short text", result.Output.GetString());
        Assert.Single(rig.Server.Requests);
        Assert.Equal(Usage("Summarize.\n\na short text"), result.Usage);
    }

    [Fact]
    public async Task TwoChunksAreMappedAndCombinedByOneReduceCallAndEveryCallCountsInTheUsageAndTheRunsBudget()
    {
        await using var rig = await ExecutorRig.StartAsync(output);
        var text = Words(130);
        var chunks = new LlmTextSplitter(_tokens).Split(text, 200, 20);
        Assert.Equal(2, chunks.Count);

        var result = await rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked(text, 200, 20), TestTimeout.After());

        var mapped = chunks.Select(chunk => $"{Prompt}\n\n{chunk}").ToList();
        var reduce = $"{Reduce}\n\n{string.Join("\n\n", mapped.Select(m => $"echo: {m}"))}";
        Assert.Equal($"echo: {reduce}", result.Output.GetString());
        Assert.Equal(3, rig.Server.Requests.Count);
        var expected = mapped.Append(reduce).Select(Usage).Aggregate((a, b) => new LlmUsage(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, false, 0));
        Assert.Equal(expected, result.Usage);
        Assert.Equal(new LlmUnrecordedSpend(expected.TotalTokens, 0, 0, 0), rig.Ledger.Unrecorded("run-1"));
    }

    [Fact]
    public async Task ResultsTooLongForOneReduceAreReducedInRoundsKeepingEveryChunkInOrder()
    {
        await using var rig = await ExecutorRig.StartAsync(output);
        var text = Words(300);
        var chunks = new LlmTextSplitter(_tokens).Split(text, 120, 10);

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Chunked(text, 120, 10), TestTimeout.After());

        var final = result.Output.GetString()!;
        Assert.StartsWith($"echo: {Reduce}\n\necho: {Reduce}\n\n", final, StringComparison.Ordinal);
        var at = 0;
        foreach (var chunk in chunks)
        {
            at = final.IndexOf($"echo: {Prompt}\n\n{chunk}", at, StringComparison.Ordinal);
            Assert.True(at > 0, $"chunk missing or out of order: {chunk[..20]}");
        }

        Assert.True(chunks.Count >= 5, $"{chunks.Count} chunks");
        Assert.InRange(rig.Server.Requests.Count, chunks.Count + 2, (2 * chunks.Count) - 1);
    }

    [Fact]
    public async Task ChunksRunConcurrentlyWithinTheGovernorsLimitAndOmittedUsageIsEstimated()
    {
        await using var rig = await ExecutorRig.StartAsync(
            output,
            (options, _) => (options.Governor.InitialConcurrency, options.Governor.MaxConcurrency) = (2, 2),
            new TestLlmScript { Latency = TimeSpan.FromMilliseconds(150), OmitUsage = true });
        var text = Words(200);

        var result = await rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked(text, 60, 0), TestTimeout.After());

        Assert.Equal(2, rig.Server.MaxInFlight);
        Assert.True(result.Usage.Estimated);
        Assert.True(rig.Server.Requests.Count > 4, $"{rig.Server.Requests.Count} calls");
    }

    [Fact]
    public async Task TheRunsBudgetStopsTheChunkedTaskBeforeTheCallThatWouldExceedItAndTheFailureCarriesWhatTheFinishedCallsSpent()
    {
        // Each map call's worst case is its prompt plus 50 output tokens: the budget takes the two map calls but not the reduce.
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) => options.Budgets.MaxTokensPerRun = 700);
        var text = Words(130);
        var chunks = new LlmTextSplitter(_tokens).Split(text, 200, 20);

        var failed = await Assert.ThrowsAsync<LlmChunkedTaskException>(
            () => rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked(text, 200, 20), TestTimeout.After()));

        var stopped = Assert.IsType<LlmBudgetExceededException>(failed.InnerException);
        Assert.Contains("of its 700 (Llm:Budgets)", stopped.Reason, StringComparison.Ordinal);
        Assert.StartsWith("LlmBudgetExceededException: budget_exceeded: run 'run-1'", failed.TaskError, StringComparison.Ordinal);
        Assert.Equal(2, rig.Server.Requests.Count);
        var mapped = chunks.Select(chunk => Usage($"{Prompt}\n\n{chunk}")).ToList();
        Assert.Equal(new LlmUsage(mapped.Sum(u => u.InputTokens), mapped.Sum(u => u.OutputTokens), false, 0), failed.Usage);
        Assert.Equal(new LlmUnrecordedSpend(failed.Usage.TotalTokens, 0, 0, 0), rig.Ledger.Unrecorded("run-1"));
    }

    [Fact]
    public async Task AChunkedTaskWhoseFirstCallFailsForGoodFailsWithThatCallsFailureAndNoUsage()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) =>
            (options.Governor.MaxAttempts, options.Governor.InitialConcurrency, options.Governor.MaxConcurrency) = (1, 1, 1));
        rig.Server.Script.EnqueueFaults(TestLlmFault.ServerError);

        await Assert.ThrowsAsync<LlmCallException>(() => rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked(Words(130), 200, 20), TestTimeout.After()));

        Assert.Single(rig.Server.Requests);
    }

    [Fact]
    public async Task EveryChunkCallsAndTheReduceCallsToolCallsAreTheTasksAndTheirRoundTripsCountInTheRunsBudget()
    {
        var script = new TestLlmScript();
        script.AddToolCall("announce", LlmPlatformTools.PostToChannel, """{"channel":"elsewhere","content":"hi"}""");
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) => WithPlatformTools(agent), script);
        var text = Words(130);

        var result = await rig.Executor.RunAsync("writer", "task-1", "run-1", Chunked(text, 200, 20, "Summarize and announce.", "Merge and announce."), TestTimeout.After());

        Assert.Equal(2, new LlmTextSplitter(_tokens).Split(text, 200, 20).Count);
        Assert.StartsWith("tool results: refused: ", result.Output.GetString(), StringComparison.Ordinal);
        Assert.Equal(6, rig.Server.Requests.Count);
        Assert.Equal(Enumerable.Repeat(LlmPlatformTools.PostToChannel, 3), result.ToTaskUsage().ToolCalls!);
        Assert.Equal(result.ToolCalls, result.ToTaskUsage().ToolCallDetails);
        Assert.Equal(new LlmUnrecordedSpend(result.Usage.TotalTokens, 0, 0, 0), rig.Ledger.Unrecorded("run-1"));
    }

    [Fact]
    public async Task AChunkedTaskWhoseReduceRunsOutOfToolRoundsFailsCarryingEveryCallsToolCallsAndUsage()
    {
        var script = new TestLlmScript();
        script.AddToolCall("announce", LlmPlatformTools.PostToChannel, """{"channel":"elsewhere","content":"hi"}""");
        script.AddToolCall("forever", LlmPlatformTools.ReadChannel, """{"channel":"elsewhere"}""", repeat: true);
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
        {
            WithPlatformTools(agent);
            agent.MaxToolRounds = 2;
        }, script);

        var failed = await Assert.ThrowsAsync<LlmChunkedTaskException>(() => rig.Executor.RunAsync(
            "writer", "task-1", "run-1", Chunked(Words(130), 200, 20, "Summarize and announce.", "Merge forever."), TestTimeout.After()));

        Assert.IsType<LlmToolRoundsExceededException>(failed.InnerException);
        Assert.Equal(4 + 3, rig.Server.Requests.Count);
        var spent = LlmTaskExecutor.SpentBefore(failed)!;
        Assert.Equal(
            [LlmPlatformTools.PostToChannel, LlmPlatformTools.PostToChannel, LlmPlatformTools.ReadChannel, LlmPlatformTools.ReadChannel],
            spent.ToTaskUsage().ToolCalls!);
        Assert.Equal(failed.Usage, spent.Usage);
        Assert.Equal(new LlmUnrecordedSpend(failed.Usage.TotalTokens, 0, 0, 0), rig.Ledger.Unrecorded("run-1"));
    }

    private static void WithPlatformTools(LlmAgentOptions agent)
    {
        agent.Channels.Add("team-room");
        agent.Tools.Add(LlmPlatformTools.PostToChannel);
        agent.Tools.Add(LlmPlatformTools.ReadChannel);
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => $"item{i}"));

    private static LlmUsage Usage(string userMessage) => new(TestLlmReplies.Tokens(userMessage), TestLlmReplies.Tokens($"echo: {userMessage}"), false, 0);

    private static JsonElement Chunked(string text, int maxTokens, int overlapTokens, string prompt = Prompt, string reducePrompt = Reduce) =>
        JsonSerializer.SerializeToElement(new
        {
            prompt,
            chunking = new { text, max_tokens = maxTokens, overlap_tokens = overlapTokens, reduce_prompt = reducePrompt },
        });
}
