using System.Collections.Concurrent;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Identity;

public sealed class IdentityCacheReplicaTests
{
    [Fact]
    public async Task A_key_rotated_on_another_replica_stops_verifying_here_once_its_change_arrives()
    {
        var changes = new RecordingChanges();
        await using var host = await AgentTestHost.StartAsync(services => services.AddSingleton<IAgentIdentityChanges>(changes).AddAgentIdentity());
        var here = (ActorAgentIdentityStore)host.Get<IAgentIdentityStore>();
        var elsewhere = new ActorAgentIdentityStore(host.Get<IActorRuntime>(), TimeProvider.System, changes);
        var agent = await here.RegisterAsync(new AgentRegistration("replicated", "d", null, new Dictionary<string, double>()), TestTimeout.After());
        Assert.Equal(ApiKeyStatus.Valid, (await here.VerifyKeyAsync(agent.ApiKey, TestTimeout.After())).Status);

        var rotated = await elsewhere.RotateKeyAsync(agent.Profile.Id, TestTimeout.After());
        var stale = await here.VerifyKeyAsync(agent.ApiKey, TestTimeout.After());
        here.ForgetCached(Assert.Single(changes.Published));
        var fresh = await here.VerifyKeyAsync(agent.ApiKey, TestTimeout.After());

        Assert.Equal(ApiKeyStatus.Valid, stale.Status);
        Assert.Equal(ApiKeyStatus.Rejected, fresh.Status);
        Assert.Equal(ApiKeyStatus.Valid, (await here.VerifyKeyAsync(rotated!, TestTimeout.After())).Status);
    }

    private sealed class RecordingChanges : IAgentIdentityChanges
    {
        public ConcurrentQueue<string> Published { get; } = new();

        public ValueTask PublishAsync(string agentId, CancellationToken cancellationToken = default)
        {
            Published.Enqueue(agentId);
            return ValueTask.CompletedTask;
        }
    }
}
