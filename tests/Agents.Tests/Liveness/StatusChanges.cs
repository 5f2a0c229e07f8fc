using System.Threading.Channels;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Liveness;

/// <summary>Collects the status changes published on <see cref="AgentStatusChanged.Topic"/>.</summary>
internal sealed class StatusChanges : IAsyncDisposable
{
    private readonly Channel<AgentStatusChanged> _changes = Channel.CreateUnbounded<AgentStatusChanged>();
    private IAsyncDisposable? _subscription;

    public static async Task<StatusChanges> SubscribeAsync(IPubSub pubSub)
    {
        var changes = new StatusChanges();
        changes._subscription = await pubSub.SubscribeAsync(new TopicSubscription(AgentStatusChanged.Topic, (cloudEvent, _) =>
        {
            Assert.Equal(AgentStatusChanged.EventType, cloudEvent.Type);
            changes._changes.Writer.TryWrite(cloudEvent.GetData<AgentStatusChanged>()!);
            return ValueTask.FromResult(DeliveryResult.Success);
        }));
        return changes;
    }

    public async Task<AgentStatusChanged> NextAsync() => await _changes.Reader.ReadAsync(TestTimeout.After(20));

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
