using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Llm.Accounting;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Channels;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Channels;

/// <summary>Requests from other agents answered by an LLM member, on the embedded runtime's inboxes and request actors with the test
/// LLM server.</summary>
public sealed class LlmChannelResponderTests(ITestOutputHelper output)
{
    private const string Agent = "writer";

    [Fact]
    public async Task An_expired_request_is_left_without_a_model_call_and_a_live_one_is_replied_to()
    {
        var timeout = TestTimeout.After(60);
        await using var server = await TestLlmServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new RecordingLoggerProvider(output)));
        services.AddEmbeddedRuntime(options => options.UseInMemoryStorage = true);
        services.AddChannels();
        services.AddAgentRequests();
        services.AddLlmAgents(options => options.Agents[Agent] = new LlmAgentOptions
        {
            Endpoint = server.BaseUrl.ToString(), Model = "test-model", ApiKey = "sk-responder-test", MaxOutputTokens = 50,
        });
        await using var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync(timeout);
        var requests = provider.GetRequiredService<AgentRequestService>();
        var inbox = provider.GetRequiredService<InboxService>();
        var responder = new LlmChannelResponder(
            provider.GetRequiredService<ChannelService>(), requests, provider.GetRequiredService<LlmTaskExecutor>(),
            provider.GetRequiredService<LlmTokenEstimator>(), new LlmChannelOptions(), TimeProvider.System,
            provider.GetRequiredService<ILogger<LlmChannelResponderTests>>());
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
}
