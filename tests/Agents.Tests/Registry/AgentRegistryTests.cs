using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Registry;

/// <summary>The registry service on the embedded runtime: loading the index from the actors, changes made here seen at once,
/// changes made by the actors alone arriving by event.</summary>
public sealed class AgentRegistryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);

    [Fact]
    public async Task The_first_match_loads_registered_agents_changes_made_here_count_at_once_and_offline_arrives_by_event()
    {
        await using var host = await AgentTestHost.StartAsync(
            services => services.AddAgentRegistry().AddAgentLiveness(o => o.HeartbeatInterval = TimeSpan.FromSeconds(5)), _time);
        var identities = host.Get<IAgentIdentityStore>();
        var search = new Dictionary<string, double> { ["search"] = 0.9 };
        var agent = (await identities.RegisterAsync(new AgentRegistration("early-one", "", null, search), TestTimeout.After())).Profile.Id;
        await host.Presence.DeclareAsync(agent, new AgentDeclaration(search, 2), TestTimeout.After());
        await host.Presence.HeartbeatAsync(agent, TestTimeout.After());
        var registry = host.Get<IAgentRegistry>();
        var request = CapabilityRequest.Create(new Dictionary<string, double> { ["search"] = 1 }, 0.5);

        var loaded = await registry.MatchAsync(request, 10, TestTimeout.After());
        await host.Get<IAgentWorkload>().TaskStartedAsync(agent, TestTimeout.After());
        var working = await registry.MatchAsync(request, 10, TestTimeout.After());
        await host.Get<IAgentWorkload>().TaskStartedAsync(agent, TestTimeout.After());
        var atLimit = await registry.MatchAsync(request, 10, TestTimeout.After());
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(AgentStatus.Offline, (await host.Presence.GetAsync(agent, TestTimeout.After())).Status);
        await host.Deliveries.TopicHandledAsync(AgentRegistryEntry.Topic, 3);
        var offline = await registry.MatchAsync(request, 10, TestTimeout.After());

        Assert.Equal((agent, AgentStatus.Idle), (Assert.Single(loaded.Candidates).AgentId, loaded.Candidates[0].Status));
        Assert.Equal((AgentStatus.Working, 1), (Assert.Single(working.Candidates).Status, working.Candidates[0].Load));
        Assert.Equal(ExclusionReason.Busy, Assert.Single(atLimit.Excluded).Reason);
        Assert.Equal(ExclusionReason.Offline, Assert.Single(offline.Excluded).Reason);
    }
}
