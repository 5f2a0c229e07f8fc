using System.Threading.Channels;
using AgentPlatform.Runtime.Embedded.PubSub;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.PubSub;

public sealed class InMemoryPubSubTests : PubSubContractTests
{
    private static readonly InMemoryPubSubOptions Retrying = new()
    {
        AppId = "tests",
        InitialRetryDelay = TimeSpan.FromSeconds(1),
        RetryBackoffMultiplier = 2,
        MaxRetryDelay = TimeSpan.FromSeconds(3),
        MaxDeliveryAttempts = 4,
    };

    [Fact]
    public async Task Retry_answers_are_retried_with_capped_exponential_backoff_until_success()
    {
        var time = new SignallingTimeProvider();
        await using var pubsub = new InMemoryPubSub(Retrying, time);
        var attempts = Channel.CreateUnbounded<DateTimeOffset>();
        var count = 0;
        await using var subscription = await pubsub.SubscribeAsync(new TopicSubscription("t", (_, _) =>
        {
            attempts.Writer.TryWrite(time.GetUtcNow());
            return ValueTask.FromResult(++count < 4 ? DeliveryResult.Retry : DeliveryResult.Success);
        }));
        var start = time.GetUtcNow();

        await pubsub.PublishAsync("t", "x");
        var seen = new List<DateTimeOffset> { await Next(attempts) };
        var delays = new List<TimeSpan>();
        for (var retry = 0; retry < 3; retry++)
        {
            delays.Add(await time.NextTimerAsync(TestTimeout.After(10)));
            time.Advance(delays[^1]);
            seen.Add(await Next(attempts));
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], delays);
        Assert.Equal([start, start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(6)], seen);
    }

    [Fact]
    public async Task A_throwing_handler_is_retried_and_dead_lettered_when_retries_run_out()
    {
        var time = new SignallingTimeProvider();
        await using var pubsub = new InMemoryPubSub(Retrying, time);
        var deadLetters = Channel.CreateUnbounded<CloudEvent>();
        var attempts = 0;
        await using var failing = await pubsub.SubscribeAsync(new TopicSubscription("t", (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("handler bug");
        })
        { DeadLetterTopic = "dead" });
        await using var dead = await pubsub.SubscribeAsync(Recording("dead", deadLetters));

        await pubsub.PublishAsync("t", "x", new PublishOptions { Id = "e1" });
        for (var retry = 0; retry < 3; retry++)
        {
            time.Advance(await time.NextTimerAsync(TestTimeout.After(10)));
        }

        var deadLetter = await Next(deadLetters);
        Assert.Equal(("e1", "dead"), (deadLetter.Id, deadLetter.Topic));
        Assert.Equal(4, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task An_event_that_expires_while_retrying_is_dead_lettered_without_another_attempt()
    {
        var time = new SignallingTimeProvider();
        await using var pubsub = new InMemoryPubSub(Retrying, time);
        var deadLetters = Channel.CreateUnbounded<CloudEvent>();
        var attempts = 0;
        await using var retrying = await pubsub.SubscribeAsync(new TopicSubscription("t", (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            return ValueTask.FromResult(DeliveryResult.Retry);
        })
        { DeadLetterTopic = "dead" });
        await using var dead = await pubsub.SubscribeAsync(Recording("dead", deadLetters));

        await pubsub.PublishAsync("t", "x", new PublishOptions { TimeToLive = TimeSpan.FromMilliseconds(500) });
        time.Advance(await time.NextTimerAsync(TestTimeout.After(10)));

        var deadLetter = await Next(deadLetters);
        Assert.Null(deadLetter.Expiration);
        Assert.Equal(1, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task Unsubscribing_stops_pending_retries()
    {
        var time = new SignallingTimeProvider();
        await using var pubsub = new InMemoryPubSub(Retrying, time);
        var attempts = Channel.CreateUnbounded<int>();
        var count = 0;
        var subscription = await pubsub.SubscribeAsync(new TopicSubscription("t", (_, _) =>
        {
            attempts.Writer.TryWrite(Interlocked.Increment(ref count));
            return ValueTask.FromResult(DeliveryResult.Retry);
        }));

        await pubsub.PublishAsync("t", "x");
        await Next(attempts);
        var delay = await time.NextTimerAsync(TestTimeout.After(10));
        await subscription.DisposeAsync();
        time.Advance(delay);

        Assert.False(attempts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task The_source_and_time_come_from_the_options_and_the_clock()
    {
        var time = new SignallingTimeProvider();
        await using var pubsub = new InMemoryPubSub(new InMemoryPubSubOptions { Name = "bus", AppId = "my-app" }, time);
        var received = Channel.CreateUnbounded<CloudEvent>();
        await using var subscription = await pubsub.SubscribeAsync(Recording("t", received));

        await pubsub.PublishAsync("t", 1);
        var cloudEvent = await Next(received);

        Assert.Equal(("bus", "my-app", time.GetUtcNow()), (cloudEvent.PubSubName, cloudEvent.Source, cloudEvent.Time));
    }

    [Fact]
    public void Invalid_options_are_reported_together()
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryPubSub(new InMemoryPubSubOptions { Name = "", MaxDeliveryAttempts = 0 }));

        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDeliveryAttempts", error.Message, StringComparison.Ordinal);
    }

    protected override IPubSub CreatePubSub() => new InMemoryPubSub(new InMemoryPubSubOptions { AppId = "tests" });
}
