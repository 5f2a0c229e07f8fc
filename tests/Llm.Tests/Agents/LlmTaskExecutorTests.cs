using System.Text.Json;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Governor;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Agents;

public sealed class LlmTaskExecutorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheOutputIsTheServersReplyWithTheReportedUsage(bool stream)
    {
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) => agent.Stream = stream);

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"summarize this\""), TestTimeout.After());

        Assert.Equal("echo: summarize this", result.Output.GetString());
        Assert.Equal(new LlmUsage(TestLlmReplies.Tokens("summarize this"), TestLlmReplies.Tokens("echo: summarize this"), false, 0), result.Usage);
        Assert.Equal(stream, Assert.Single(rig.Server.Requests).Stream);
    }

    [Fact]
    public async Task APromptPropertyOfAnObjectInputIsTheUserMessageAndTheSystemPromptGoesFirst()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) => agent.SystemPrompt = "You summarize.");

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("""{"prompt": "the text"}"""), TestTimeout.After());

        Assert.Equal("echo: the text", result.Output.GetString());
        Assert.Equal(TestLlmReplies.Tokens("You summarize.") + TestLlmReplies.Tokens("the text"), result.Usage.InputTokens);
    }

    [Fact]
    public async Task UsageTheProviderOmitsIsEstimatedWithTheTokenizerAndPriced()
    {
        await using var rig = await ExecutorRig.StartAsync(
            output,
            (options, _) => options.Prices[ExecutorRig.Model] = new LlmPrice { InputPerMillionTokens = 1_000_000m, OutputPerMillionTokens = 2_000_000m },
            new TestLlmScript { OmitUsage = true });
        var tokenizer = new LlmTokenEstimator();

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"hello there\""), TestTimeout.After());

        var input = tokenizer.CountPrompt(["hello there"]);
        var outputTokens = tokenizer.Count("echo: hello there");
        Assert.Equal(new LlmUsage(input, outputTokens, true, input + (2m * outputTokens)), result.Usage);
    }

    [Theory]
    [InlineData(TestLlmFault.ServerError, false)]
    [InlineData(TestLlmFault.MalformedJson, false)]
    [InlineData(TestLlmFault.TruncatedStream, true)]
    [InlineData(TestLlmFault.TruncatedStream, false)]
    [InlineData(TestLlmFault.RateLimited, false)]
    public async Task AFailedAttemptIsRetriedByTheGovernorAlone(TestLlmFault fault, bool stream)
    {
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) => agent.Stream = stream, new TestLlmScript { FaultRetryAfter = TimeSpan.FromMilliseconds(10) });
        rig.Server.Script.EnqueueFaults(fault);

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"again\""), TestTimeout.After());

        Assert.Equal("echo: again", result.Output.GetString());
        Assert.Equal([fault, null], rig.Server.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task AfterTheLastAttemptTheCallFailsNamingTheFailure()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) => options.Governor.MaxAttempts = 2);
        rig.Server.Script.EnqueueFaults(TestLlmFault.ServerError, TestLlmFault.ServerError);

        var failed = await Assert.ThrowsAsync<LlmCallException>(() => rig.Executor.RunAsync("writer", "task-1", null, Json("\"x\""), TestTimeout.After()));

        Assert.Equal((LlmFailureKind.ServerError, 500, 2), (failed.Failure.Kind, failed.Failure.Status, failed.Attempts));
        Assert.Equal(2, rig.Server.Requests.Count);
    }

    [Fact]
    public async Task WithAResponseSchemaTheOutputIsTheReplyParsedAsJson()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
            agent.ResponseSchema = """{"type": "object", "properties": {"echo": {"type": "string"}}, "required": ["echo"]}""");

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"structured\""), TestTimeout.After());

        Assert.Equal("structured", result.Output.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task TheBudgetStopsARunBeforeTheCallThatWouldExceedIt()
    {
        // Worst case of a call: its prompt plus 50 output tokens; the first fits in 80, the second no longer does.
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) => options.Budgets.MaxTokensPerRun = 80);

        var first = await rig.Executor.RunAsync("writer", "task-1", "run-1", Json("\"first\""), TestTimeout.After());
        var stopped = await Assert.ThrowsAsync<LlmBudgetExceededException>(
            () => rig.Executor.RunAsync("writer", "task-2", "run-1", Json("\"a second prompt that is a good deal longer than the first one, long enough that its worst case no longer fits in what is left of the budget\""), TestTimeout.After()));
        var otherRun = await rig.Executor.RunAsync("writer", "task-3", "run-2", Json("\"other\""), TestTimeout.After());

        Assert.Equal("echo: first", first.Output.GetString());
        Assert.Equal("run-1", stopped.RunId);
        Assert.StartsWith(LlmBudgetExceededException.ErrorCode, stopped.Message, StringComparison.Ordinal);
        Assert.Equal("echo: other", otherRun.Output.GetString());
        Assert.Equal(2, rig.Server.Requests.Count);
    }

    [Fact]
    public async Task TheApiKeyIsSentButNeverLogged()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) =>
        {
            options.Governor.MaxAttempts = 3;
            options.Budgets.MaxTokensPerRun = 60;
        }, new TestLlmScript { FaultRetryAfter = TimeSpan.FromMilliseconds(10) });
        rig.Server.Script.EnqueueFaults(TestLlmFault.RateLimited, TestLlmFault.ServerError, TestLlmFault.MalformedJson);

        var failed = await Assert.ThrowsAsync<LlmCallException>(() => rig.Executor.RunAsync("writer", "task-1", "run-1", Json("\"x\""), TestTimeout.After()));
        var stopped = await Assert.ThrowsAsync<LlmBudgetExceededException>(
            () => rig.Executor.RunAsync("writer", "task-2", "run-1", Json("\"a prompt too long for what is left of the run's budget\""), TestTimeout.After()));

        Assert.All(rig.Server.Requests, r => Assert.Equal(ExecutorRig.ApiKey, r.ApiKey));
        Assert.NotEmpty(rig.Logs.Lines);
        Assert.DoesNotContain(rig.Logs.Lines, line => line.Contains(ExecutorRig.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(ExecutorRig.ApiKey, failed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ExecutorRig.ApiKey, stopped.ToString(), StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
