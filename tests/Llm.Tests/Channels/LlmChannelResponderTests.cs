using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Budgets;
using AgentPlatform.Llm.Channels;
using AgentPlatform.Llm.Tools;
using AgentPlatform.Llm.Tests.Tools;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Channels;

/// <summary>Posts and requests from other agents answered by an LLM member, on the embedded runtime's channels, inboxes and request
/// actors with the test LLM server.</summary>
public sealed class LlmChannelResponderTests(ITestOutputHelper output)
{
    private const string Agent = "writer";
    private const string Room = "team-room";

    [Fact]
    public async Task An_expired_request_is_left_without_a_model_call_and_a_live_one_is_replied_to()
    {
        var timeout = TestTimeout.After(60);
        await using var server = await TestLlmServer.StartAsync();
        await using var provider = await StartAsync(server, timeout);
        var requests = provider.GetRequiredService<AgentRequestService>();
        var inbox = provider.GetRequiredService<InboxService>();
        var responder = ResponderOf(provider);
        var agent = (await provider.GetRequiredService<LlmAgentCatalog>().FindAsync(Agent, timeout))!;
        var member = LlmAgentCatalog.MemberIdOf(Agent);

        var expired = await requests.SendAsync("alice", member, "too late?", TimeSpan.FromMilliseconds(100), cancellationToken: timeout);
        var live = requests.SendAsync("alice", member, "in time?", TimeSpan.FromSeconds(20), cancellationToken: timeout);
        var deliveries = new List<InboxDelivery>();
        while (deliveries.Count < 2)
        {
            deliveries.AddRange(await inbox.ReadAsync(member, 10, TimeSpan.FromSeconds(1), timeout));
        }

        foreach (var delivery in deliveries)
        {
            await responder.HandleAsync(Agent, agent, delivery.Message, timeout);
        }

        var reply = await live;

        Assert.False(expired.Replied);
        Assert.Equal(["too late?", "in time?"], deliveries.Select(d => AgentRequestContent.TryRead(d.Message.Content)!.Content));
        Assert.True(reply.Replied);
        Assert.Equal("echo: alice: in time?", reply.Content);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_post_handled_again_after_its_answer_is_not_answered_again_and_costs_one_lookup_of_the_channel()
    {
        var timeout = TestTimeout.After(60);
        await using var server = await TestLlmServer.StartAsync();
        await using var provider = await StartAsync(server, timeout);
        var channels = provider.GetRequiredService<ChannelService>();
        var room = ChannelId.Create(Room);
        await channels.CreateAsync(room, "Team room", null, "alice", timeout);
        await channels.JoinAsync(room, LlmAgentCatalog.MemberIdOf(Agent), timeout);
        var post = await channels.PostAsync(room, "alice", null, "@writer what is new?", cancellationToken: timeout);
        var responder = ResponderOf(provider);
        var agent = (await provider.GetRequiredService<LlmAgentCatalog>().FindAsync(Agent, timeout))!;
        var recorded = (RecordingActorRuntime)provider.GetRequiredService<IActorRuntime>();
        await responder.HandleAsync(Agent, agent, post, timeout);
        for (var i = 0; i < 300; i++)
        {
            await channels.PostAsync(room, "alice", null, $"later message {i}", cancellationToken: timeout);
        }

        recorded.Clear();

        // The same post again, as after a crash between answering it and acknowledging its delivery.
        await responder.HandleAsync(Agent, agent, post, timeout);

        Assert.Equal(["find-post"], recorded.Calls);
        Assert.Single(server.Requests);
        var log = new List<ChannelMessage>();
        for (var after = 0L; await channels.ObserveAsync(room, after, 200, timeout) is { Messages.Count: > 0 } page; after = page.NextCursor)
        {
            log.AddRange(page.Messages);
        }

        var answer = Assert.Single(log, m => m.Title == LlmChannelAddressing.AnswerTitle(post.Sequence));
        Assert.Equal((LlmAgentCatalog.MemberIdOf(Agent), "echo: alice: @writer what is new?"), (answer.SenderId, answer.Content));
    }

    [Fact]
    public async Task An_answer_keeps_its_usage_and_tool_calls_with_its_message()
    {
        var timeout = TestTimeout.After(60);
        var script = new TestLlmScript();
        script.AddToolCall("catch up", LlmPlatformTools.ReadChannel, $$"""{"channel":"{{Room}}","limit":3}""");
        await using var server = await TestLlmServer.StartAsync(script);
        await using var provider = await StartAsync(server, timeout, agent => agent.Tools.Add(LlmPlatformTools.ReadChannel));
        var channels = provider.GetRequiredService<ChannelService>();
        var room = ChannelId.Create(Room);
        await channels.CreateAsync(room, "Team room", null, "alice", timeout);
        await channels.JoinAsync(room, LlmAgentCatalog.MemberIdOf(Agent), timeout);
        var post = await channels.PostAsync(room, "alice", null, "@writer please catch up", cancellationToken: timeout);
        var agent = (await provider.GetRequiredService<LlmAgentCatalog>().FindAsync(Agent, timeout))!;

        await ResponderOf(provider).HandleAsync(Agent, agent, post, timeout);

        var answer = (await channels.ReadLatestAsync(room, "alice", 1, timeout)).Messages[0];
        Assert.Equal(LlmChannelAddressing.AnswerTitle(post.Sequence), answer.Title);
        var usage = answer.Metadata!.Value.GetProperty(LlmUsageMetadata.Property).Deserialize<AgentTaskUsage>()!;
        Assert.Equal([LlmPlatformTools.ReadChannel], usage.ToolCalls);
        var call = Assert.Single(usage.ToolCallDetails!);
        Assert.Equal((LlmPlatformTools.ReadChannel, "ok"), (call.Name, call.Outcome));
        Assert.Equal(2, server.Requests.Count);
        Assert.True(usage is { InputTokens: > 0, OutputTokens: > 0 });
    }

    [Fact]
    public async Task A_request_made_for_a_workflow_task_is_answered_on_that_runs_budget_and_a_refusal_is_the_reply()
    {
        var timeout = TestTimeout.After(60);
        await using var server = await TestLlmServer.StartAsync();
        await using var provider = await StartAsync(server, timeout, configureOptions: options => options.Budgets.MaxTokensPerRun = 100);
        var requests = provider.GetRequiredService<AgentRequestService>();
        var inbox = provider.GetRequiredService<InboxService>();
        var ledger = provider.GetRequiredService<LlmBudgetLedger>();
        var agent = (await provider.GetRequiredService<LlmAgentCatalog>().FindAsync(Agent, timeout))!;
        var member = LlmAgentCatalog.MemberIdOf(Agent);

        // The asking run has spent 60 of its 100 tokens; an answer's worst case is its prompt and 50 output tokens.
        ledger.Settle(await ledger.ReserveAsync("spent-run", "spent-run:ask:1", 60, 0, timeout), 60, 0);
        async Task<AgentReply> AskAsync(RequestForTask? forTask)
        {
            var reply = requests.SendAsync("alice", member, "is it green?", TimeSpan.FromSeconds(20), forTask: forTask, cancellationToken: timeout);
            foreach (var delivery in await inbox.ReadAsync(member, 1, TimeSpan.FromSeconds(5), timeout))
            {
                await ResponderOf(provider).HandleAsync(Agent, agent, delivery.Message, timeout);
                await inbox.AcknowledgeAsync(member, [delivery.DeliveryId], timeout);
            }

            return await reply;
        }

        var refused = await AskAsync(new RequestForTask("spent-run", "spent-run:ask:1"));
        var charged = await AskAsync(new RequestForTask("fresh-run", "fresh-run:ask:1"));
        var onItsOwn = await AskAsync(null);

        Assert.StartsWith("budget_exceeded: run 'spent-run' would use up to", refused.Content, StringComparison.Ordinal);
        Assert.Null(refused.Metadata);
        Assert.Equal(("echo: alice: is it green?", "echo: alice: is it green?"), (charged.Content, onItsOwn.Content));
        Assert.Equal(2, server.Requests.Count);
        Assert.True(ledger.Unrecorded("fresh-run").Tokens > 0);
        Assert.Equal(new LlmUnrecordedSpend(60, 0, 0, 0), ledger.Unrecorded("spent-run"));
    }

    [Fact]
    public async Task An_agent_asking_while_on_a_workflow_task_names_that_task_in_its_request()
    {
        var timeout = TestTimeout.After(60);
        var script = new TestLlmScript();
        script.AddToolCall("ask the writer", LlmPlatformTools.AskAgent, """{"agent_id":"llm/writer","content":"is it green?"}""");
        await using var server = await TestLlmServer.StartAsync(script);
        await using var provider = await StartAsync(server, timeout, configureOptions: options => options.Agents["asker"] = new LlmAgentOptions
        {
            Endpoint = server.BaseUrl.ToString(), Model = "test-model", ApiKey = "sk-asker-test", MaxOutputTokens = 50, Tools = { LlmPlatformTools.AskAgent },
        });
        var inbox = provider.GetRequiredService<InboxService>();
        var writer = (await provider.GetRequiredService<LlmAgentCatalog>().FindAsync(Agent, timeout))!;
        var member = LlmAgentCatalog.MemberIdOf(Agent);

        var asking = provider.GetRequiredService<LlmTaskExecutor>().RunAsync(
            "asker", "run-7:review:2", "run-7", JsonSerializer.SerializeToElement("ask the writer"), timeout);
        var delivery = Assert.Single(await inbox.ReadAsync(member, 1, TimeSpan.FromSeconds(20), timeout));
        await ResponderOf(provider).HandleAsync(Agent, writer, delivery.Message, timeout);
        var result = await asking;

        Assert.Equal(new RequestForTask("run-7", "run-7:review:2"), AgentRequestContent.TryRead(delivery.Message.Content)!.ForTask);
        Assert.Equal((LlmPlatformTools.AskAgent, "ok"), (Assert.Single(result.ToolCalls).Name, result.ToolCalls[0].Outcome));
        Assert.Equal(3, server.Requests.Count);
    }

    private async Task<ServiceProvider> StartAsync(
        TestLlmServer server, CancellationToken timeout, Action<LlmAgentOptions>? configure = null, Action<LlmOptions>? configureOptions = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new RecordingLoggerProvider(output)));
        services.AddEmbeddedRuntime(options => options.UseInMemoryStorage = true);
        services.AddSingleton<IActorRuntime>(sp => new RecordingActorRuntime(sp.GetRequiredService<EmbeddedActorRuntime>(), LlmReadChannelTests.ChannelActorType));
        services.Configure<ChannelOptions>(options => options.PostCooldown = TimeSpan.Zero);
        services.AddChannels();
        services.AddAgentRequests();
        services.AddLlmAgents(options =>
        {
            var agent = new LlmAgentOptions { Endpoint = server.BaseUrl.ToString(), Model = "test-model", ApiKey = "sk-responder-test", MaxOutputTokens = 50 };
            agent.Channels.Add(Room);
            configure?.Invoke(agent);
            options.Agents[Agent] = agent;
            configureOptions?.Invoke(options);
        });
        var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync(timeout);
        return provider;
    }

    private static LlmChannelResponder ResponderOf(ServiceProvider provider) => new(
        provider.GetRequiredService<ChannelService>(), provider.GetRequiredService<AgentRequestService>(),
        provider.GetRequiredService<LlmTaskExecutor>(), provider.GetRequiredService<LlmTokenEstimator>(), new LlmChannelOptions(),
        TimeProvider.System, provider.GetRequiredService<ILogger<LlmChannelResponderTests>>());
}
