using System.Threading.Channels;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests;

/// <summary>Collects the events of one type published on one topic.</summary>
internal sealed class PublishedEvents<T> : IAsyncDisposable
{
    private readonly Channel<T> _events = Channel.CreateUnbounded<T>();
    private IAsyncDisposable? _subscription;

    public static async Task<PublishedEvents<T>> SubscribeAsync(IPubSub pubSub, string topic, string eventType)
    {
        var events = new PublishedEvents<T>();
        events._subscription = await pubSub.SubscribeAsync(new TopicSubscription(topic, (cloudEvent, _) =>
        {
            Assert.Equal(eventType, cloudEvent.Type);
            events._events.Writer.TryWrite(cloudEvent.GetData<T>()!);
            return ValueTask.FromResult(DeliveryResult.Success);
        }));
        return events;
    }

    public async Task<T> NextAsync() => await _events.Reader.ReadAsync(TestTimeout.After(20));

    public bool TryNext(out T? next) => _events.Reader.TryRead(out next);

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
