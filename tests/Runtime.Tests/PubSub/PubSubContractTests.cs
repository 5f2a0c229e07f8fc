using System.Diagnostics;
using System.Threading.Channels;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.PubSub;

/// <summary>The behaviour every <see cref="IPubSub"/> must show; derive once per implementation.</summary>
public abstract class PubSubContractTests
{
    /// <summary>Creates a broker with no subscriptions.</summary>
    protected abstract IPubSub CreatePubSub();

    [Fact]
    public async Task Every_subscription_of_the_topic_receives_a_cloud_event()
    {
        var pubsub = CreatePubSub();
        var first = Channel.CreateUnbounded<CloudEvent>();
        var second = Channel.CreateUnbounded<CloudEvent>();
        var other = Channel.CreateUnbounded<CloudEvent>();
        await using var a = await pubsub.SubscribeAsync(Recording("orders", first));
        await using var b = await pubsub.SubscribeAsync(Recording("orders", second));
        await using var c = await pubsub.SubscribeAsync(Recording("invoices", other));

        await pubsub.PublishAsync("orders", new Order("o-1", 3), cancellationToken: TestTimeout.After());
        var received = await Next(first);
        var alsoReceived = await Next(second);

        Assert.Equal("1.0", received.SpecVersion);
        Assert.False(string.IsNullOrEmpty(received.Id));
        Assert.False(string.IsNullOrEmpty(received.Source));
        Assert.Equal("com.dapr.event.sent", received.Type);
        Assert.Equal("orders", received.Topic);
        Assert.Equal(pubsub.Name, received.PubSubName);
        Assert.Equal("application/json", received.DataContentType);
        Assert.Equal(new Order("o-1", 3), received.GetData<Order>());
        Assert.Equal(received.Id, alsoReceived.Id);
        Assert.False(other.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Publish_options_set_the_envelope()
    {
        var pubsub = CreatePubSub();
        var received = Channel.CreateUnbounded<CloudEvent>();
        await using var subscription = await pubsub.SubscribeAsync(Recording("t", received));
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await pubsub.PublishAsync("t", "x", new PublishOptions { Id = "evt-1", Type = "com.example.custom", TraceParent = traceParent, TraceState = "k=v" });
        var cloudEvent = await Next(received);

        Assert.Equal(("evt-1", "com.example.custom", traceParent, "k=v"), (cloudEvent.Id, cloudEvent.Type, cloudEvent.TraceParent, cloudEvent.TraceState));
    }

    [Fact]
    public async Task The_current_activity_becomes_the_traceparent()
    {
        var pubsub = CreatePubSub();
        var received = Channel.CreateUnbounded<CloudEvent>();
        await using var subscription = await pubsub.SubscribeAsync(Recording("t", received));
        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C).Start();

        await pubsub.PublishAsync("t", "x");
        var cloudEvent = await Next(received);

        Assert.Equal(activity.Id, cloudEvent.TraceParent);
    }

    [Fact]
    public async Task After_unsubscribing_no_more_events_arrive()
    {
        var pubsub = CreatePubSub();
        var gone = Channel.CreateUnbounded<CloudEvent>();
        var staying = Channel.CreateUnbounded<CloudEvent>();
        var subscription = await pubsub.SubscribeAsync(Recording("t", gone));
        await using var witness = await pubsub.SubscribeAsync(Recording("t", staying));

        await subscription.DisposeAsync();
        await pubsub.PublishAsync("t", "after");
        await Next(staying);

        Assert.False(gone.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_dropped_event_goes_to_the_dead_letter_topic()
    {
        var pubsub = CreatePubSub();
        var deadLetters = Channel.CreateUnbounded<CloudEvent>();
        await using var dropping = await pubsub.SubscribeAsync(
            new TopicSubscription("t", (_, _) => ValueTask.FromResult(DeliveryResult.Drop)) { DeadLetterTopic = "t-dead" });
        await using var dead = await pubsub.SubscribeAsync(Recording("t-dead", deadLetters));

        await pubsub.PublishAsync("t", "poison", new PublishOptions { Id = "evt-poison" });
        var cloudEvent = await Next(deadLetters);

        Assert.Equal("evt-poison", cloudEvent.Id);
        Assert.Equal("poison", cloudEvent.GetData<string>());
    }

    protected static TopicSubscription Recording(string topic, Channel<CloudEvent> into) =>
        new(topic, (cloudEvent, _) =>
        {
            into.Writer.TryWrite(cloudEvent);
            return ValueTask.FromResult(DeliveryResult.Success);
        });

    protected static async Task<T> Next<T>(Channel<T> channel) => await channel.Reader.ReadAsync(TestTimeout.After(10));

    public sealed record Order(string Id, int Quantity);
}
