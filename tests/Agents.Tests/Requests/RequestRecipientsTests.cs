using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Requests;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Requests;

/// <summary>The one recipient check of requests: registered API agents, and the agents of the kinds registered beside them.</summary>
public sealed class RequestRecipientsTests
{
    [Fact]
    public async Task A_registered_agent_or_an_agent_a_kind_knows_can_be_asked_and_nothing_else()
    {
        await using var host = await AgentTestHost.StartAsync(services => services
            .AddAgentIdentity()
            .AddChannels()
            .AddAgentRequests()
            .AddSingleton<IRequestRecipientKind>(new NamedKind("bot:known")));
        var registered = (await host.Get<IAgentIdentityStore>().RegisterAsync(new AgentRegistration("asked", "", null, new Dictionary<string, double>()), TestTimeout.After())).Profile.Id;
        var recipients = host.Get<RequestRecipients>();

        Assert.True(await recipients.ExistsAsync(registered, TestTimeout.After()));
        Assert.True(await recipients.ExistsAsync("bot:known", TestTimeout.After()));
        Assert.False(await recipients.ExistsAsync("bot:unknown", TestTimeout.After()));
        Assert.False(await recipients.ExistsAsync(registered[..^1] + (registered[^1] == '0' ? '1' : '0'), TestTimeout.After()));
        Assert.False(await recipients.ExistsAsync("", TestTimeout.After()));
    }

    private sealed class NamedKind(string id) : IRequestRecipientKind
    {
        public ValueTask<bool> ExistsAsync(string agentId, CancellationToken cancellationToken = default) => ValueTask.FromResult(agentId == id);
    }
}
