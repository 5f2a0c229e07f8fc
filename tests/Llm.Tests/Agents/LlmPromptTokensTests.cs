using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Llm.Tools;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Agents;

/// <summary>A tool conversation's prompt tokens are a running count: each message is tokenized once, and the count of every round
/// equals a count of its whole prompt.</summary>
public sealed class LlmPromptTokensTests(ITestOutputHelper output)
{
    private readonly LlmTokenEstimator _tokens = new();

    [Fact]
    public async Task EachMessageOfAToolConversationIsCountedOnceAndEveryRoundsCountEqualsAWholePromptCount()
    {
        const int toolRounds = 4;
        var script = new TestLlmScript { OmitUsage = true };
        script.AddToolCall("count", "math_add", """{"a":1,"b":2}""", repeat: true);
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) => agent.MaxToolRounds = toolRounds, script);
        var timeout = TestTimeout.After(60);
        var agent = (await rig.Catalog.FindAsync("writer", timeout))!;
        var prompts = new RecordingPrompts(rig.Services.GetRequiredService<LlmChatClients>().For(agent));
        var counted = new List<string>();
        var rounds = new LlmRoundClient(
            prompts,
            new LlmConversation("writer", agent, "task-1", null, null),
            new LlmRoundServices(
                rig.Services.GetRequiredService<LlmGovernor>(), rig.Ledger, rig.Services.GetRequiredService<LlmMetrics>(), _tokens,
                TimeProvider.System, NullLogger.Instance),
            new LlmPromptTokens(text =>
            {
                counted.Add(text);
                return _tokens.CountMessage(text);
            }));
        var client = new FunctionInvokingChatClient(rounds) { MaximumIterationsPerRequest = toolRounds + 2 };
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create((int a, int b) => a + b, "math_add")] };

        await Assert.ThrowsAsync<LlmToolRoundsExceededException>(
            () => client.GetResponseAsync([new(ChatRole.User, "count forever")], tools, timeout));

        Assert.Equal(toolRounds + 1, prompts.Prompts.Count);
        var last = prompts.Prompts[^1];
        Assert.Equal(1 + (2 * toolRounds), last.Count);
        Assert.Equal(last.Select(LlmPromptTokens.TextOf), counted);

        // Usage the server omits is estimated from each round's prompt count: the same as counting every prompt from scratch.
        var wholePromptCounts = prompts.Prompts.Sum(prompt => _tokens.CountPrompt(prompt.Select(LlmPromptTokens.TextOf)));
        Assert.True(rounds.Usage.Estimated);
        Assert.Equal(wholePromptCounts, rounds.Usage.InputTokens);
    }

    [Fact]
    public void APromptThatDoesNotContinueTheCountedOneIsCountedFromScratch()
    {
        var counted = new List<string>();
        var count = new LlmPromptTokens(text =>
        {
            counted.Add(text);
            return _tokens.CountMessage(text);
        });
        ChatMessage first = new(ChatRole.User, "first question");
        ChatMessage reply = new(ChatRole.Assistant, "an answer");
        ChatMessage other = new(ChatRole.User, "another question");

        Assert.Equal(_tokens.CountPrompt(["first question"]), count.Count([first]));
        Assert.Equal(_tokens.CountPrompt(["first question", "an answer"]), count.Count([first, reply]));
        Assert.Equal(_tokens.CountPrompt(["another question"]), count.Count([other]));
        Assert.Equal(["first question", "an answer", "another question"], counted);
    }

    /// <summary>Passes each round trip on and keeps a copy of its prompt.</summary>
    private sealed class RecordingPrompts(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<IReadOnlyList<ChatMessage>> Prompts { get; } = [];

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Prompts.Add([.. messages]);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
