using System.Text.Json;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Tests.Agents;
using AgentPlatform.Llm.Tools;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Tools;

/// <summary>Tools through function invocation: an MCP server's tool called by the model, each call recorded with the task, each round
/// trip counted against the run's budget, and the tool-round limit and the platform functions' scope enforced.</summary>
public sealed class LlmToolTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AToolOfAnMcpServerIsCalledAndTheCallIsRecordedWithTheTask(bool stream)
    {
        var script = new TestLlmScript { RecordMessages = true };
        script.AddToolCall("reverse", "text_reverse", """{"text":"stressed"}""");
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
        {
            agent.Stream = stream;
            agent.McpServers.Add(McpTestServerPath.Server("text"));
        }, script);

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"please reverse\""), TestTimeout.After(60));

        var reply = result.Output.GetString()!;
        Assert.StartsWith("tool results: ", reply, StringComparison.Ordinal);
        Assert.Contains("desserts", reply, StringComparison.Ordinal);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("text_reverse", """{"text":"stressed"}""".Length, "ok"), (call.Name, call.ArgumentBytes, call.Outcome));
        Assert.True(call.DurationMs > 0);
        Assert.Equal(["text_reverse"], result.ToTaskUsage().ToolCalls);
        Assert.Equal(result.ToolCalls, result.ToTaskUsage().ToolCallDetails);
        var requests = rig.Server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains("text_reverse", requests[0].Tools);
        Assert.Contains("text_add", requests[0].Tools);
        Assert.StartsWith("assistant: call text_reverse(", requests[1].Messages[^2], StringComparison.Ordinal);
        Assert.StartsWith("tool: ", requests[1].Messages[^1], StringComparison.Ordinal);

        // Both round trips are accounted: the tool call's reply (one token for its empty text) and the final one.
        Assert.Equal(1 + TestLlmReplies.Tokens(reply), result.Usage.OutputTokens);
        Assert.True(result.Usage.InputTokens > 2 * TestLlmReplies.Tokens("please reverse"));
    }

    [Fact]
    public async Task AModelThatKeepsCallingToolsFailsWithToolRoundsExceededAtTheLimit()
    {
        var script = new TestLlmScript();
        script.AddToolCall("count", "math_add", """{"a":1,"b":2}""", repeat: true);
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
        {
            agent.MaxToolRounds = 2;
            agent.McpServers.Add(McpTestServerPath.Server("math"));
        }, script);

        var failure = await Assert.ThrowsAsync<LlmToolRoundsExceededException>(
            () => rig.Executor.RunAsync("writer", "task-1", null, Json("\"count forever\""), TestTimeout.After(60)));

        Assert.StartsWith("tool_rounds_exceeded:", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, rig.Server.Requests.Count);
        var spent = LlmTaskExecutor.SpentBefore(failure)!;
        Assert.Equal(3, spent.Usage.OutputTokens);
        Assert.Equal(["math_add", "math_add"], spent.ToTaskUsage().ToolCalls);
    }

    [Fact]
    public async Task EveryRoundTripIsReservedAgainstTheRunBudgetSoTheFollowUpIsNotSentPastIt()
    {
        var script = new TestLlmScript();
        script.AddToolCall("reverse", "text_reverse", """{"text":"abc"}""");
        var firstWorstCase = new LlmTokenEstimator().CountPrompt(["please reverse"]) + 50;
        await using var rig = await ExecutorRig.StartAsync(output, (options, agent) =>
        {
            options.Budgets.MaxTokensPerRun = firstWorstCase;
            agent.McpServers.Add(McpTestServerPath.Server("text"));
        }, script);

        var failure = await Assert.ThrowsAsync<LlmBudgetExceededException>(
            () => rig.Executor.RunAsync("writer", "task-1", "run-1", Json("\"please reverse\""), TestTimeout.After(60)));

        Assert.StartsWith("budget_exceeded:", failure.Message, StringComparison.Ordinal);
        Assert.Single(rig.Server.Requests);
    }

    [Fact]
    public async Task APlatformFunctionRefusesAChannelTheAgentIsNotAMemberOfAndTheModelIsToldWhy()
    {
        var script = new TestLlmScript();
        script.AddToolCall("announce", LlmPlatformTools.PostToChannel, """{"channel":"elsewhere","content":"hi"}""");
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
        {
            agent.Channels.Add("team-room");
            agent.Tools.Add(LlmPlatformTools.PostToChannel);
        }, script);

        var result = await rig.Executor.RunAsync("writer", "task-1", null, Json("\"announce it\""), TestTimeout.After(60));

        Assert.Equal("tool results: refused: 'elsewhere' is not one of your channels (team-room).", result.Output.GetString());
        Assert.Equal((LlmPlatformTools.PostToChannel, "refused"), (Assert.Single(result.ToolCalls).Name, result.ToolCalls[0].Outcome));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
