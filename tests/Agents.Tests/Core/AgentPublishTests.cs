using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Core;

public sealed class AgentPublishTests
{
    private static readonly TopicId News = TopicId.Create("news", "room-1");

    [Fact]
    public async Task A_published_message_reaches_every_subscribed_agent_type_exactly_once()
    {
        await using var host = await StartAsync();

        await host.Agents.PublishMessageAsync(new Headline("extra"), News, messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");

        var events = host.Get<EventRecorder>().Events;
        Assert.Equal(
            ["news-reader/room-1", "prefix-reader/room-1"],
            events.Select(e => e.Agent.ToString()).Order(StringComparer.Ordinal));
        Assert.All(events, e =>
        {
            Assert.Equal("m1", e.Context.MessageId);
            Assert.Equal(News, e.Context.Topic);
            Assert.Null(e.Context.Sender);
            Assert.False(e.Context.IsRpc);
        });
    }

    [Fact]
    public async Task The_sender_does_not_receive_its_own_message()
    {
        await using var host = await StartAsync();
        var sender = AgentId.Create("news-reader", "room-1");

        await host.Agents.PublishMessageAsync(new Headline("mine"), News, sender, "m1", TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");

        var (agent, _, context) = Assert.Single(host.Get<EventRecorder>().Events);
        Assert.Equal(AgentId.Create("prefix-reader", "room-1"), agent);
        Assert.Equal(sender, context.Sender);
    }

    [Fact]
    public async Task An_agent_publishing_from_a_handler_is_the_sender()
    {
        await using var host = await StartAsync();

        var messageId = await host.Agents.SendMessageAsync<string>(new Ping("from inside"), AgentId.Create("news-reader-publisher", "room-1"), cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync(messageId!);

        Assert.Equal(
            ["news-reader/room-1", "prefix-reader/room-1"],
            host.Get<EventRecorder>().Events.Select(e => e.Agent.ToString()).Order(StringComparer.Ordinal));
        Assert.All(host.Get<EventRecorder>().Events, e => Assert.Equal(AgentId.Create("news-reader-publisher", "room-1"), e.Context.Sender));
    }

    [Fact]
    public async Task Type_subscriptions_take_only_their_topic_type_and_prefix_subscriptions_every_match()
    {
        await using var host = await StartAsync();

        await host.Agents.PublishMessageAsync(new Headline("letter"), TopicId.Create("newsletter", "n1"), messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Headline("goal"), TopicId.Create("sports", "s1"), messageId: "m2", cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Headline("weather"), TopicId.Create("weather", "w1"), messageId: "m3", cancellationToken: TestTimeout.After());
        await Task.WhenAll(host.Deliveries.HandledAsync("m1"), host.Deliveries.HandledAsync("m2"), host.Deliveries.HandledAsync("m3"));

        Assert.Equal(
            ["prefix-reader/n1:letter", "sports-reader/s1:goal"],
            host.Get<EventRecorder>().Events.Select(e => $"{e.Agent}:{e.Message.Text}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscriptions_added_and_removed_at_run_time_take_effect()
    {
        await using var host = await StartAsync();
        var subscription = new TypeSubscription("weather", "sports-reader");

        await host.Agents.AddSubscriptionAsync(subscription, TestTimeout.After());
        await host.Agents.AddSubscriptionAsync(new TypeSubscription("weather", "sports-reader"), TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Headline("rain"), TopicId.Create("weather", "w1"), messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");
        await host.Agents.RemoveSubscriptionAsync(subscription.Id, TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Headline("sun"), TopicId.Create("weather", "w1"), messageId: "m2", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m2");

        var (agent, message, _) = Assert.Single(host.Get<EventRecorder>().Events);
        Assert.Equal(("sports-reader/w1", "rain"), (agent.ToString(), message.Text));
        Assert.DoesNotContain(host.Agents.Subscriptions, s => s.Id == subscription.Id);
    }

    [Fact]
    public async Task A_redelivered_message_is_handled_once_per_agent()
    {
        await using var host = await StartAsync();

        await host.Agents.PublishMessageAsync(new Headline("twice"), News, messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");
        await host.Agents.PublishMessageAsync(new Headline("twice"), News, messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1", times: 2);

        Assert.Equal(2, host.Get<EventRecorder>().Events.Count);
    }

    [Fact]
    public async Task A_failing_recipient_gets_a_retry_while_the_others_drop_the_redelivery()
    {
        await using var host = await StartAsync(agents => agents.AddAgent<FlakyReader>("flaky-reader"));

        await host.Agents.PublishMessageAsync(new Headline("retry me"), News, messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");

        Assert.Equal(
            ["flaky-reader/room-1", "news-reader/room-1", "prefix-reader/room-1"],
            host.Get<EventRecorder>().Events.Select(e => e.Agent.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(host.Deliveries.Log, entry => entry is { EventId: "m1", Result: DeliveryResult.Retry });
        Assert.Equal(2, host.Get<CallProbe>().Invocations);
    }

    [Fact]
    public async Task A_message_no_subscribed_agent_handles_is_acknowledged_and_ignored()
    {
        await using var host = await StartAsync();

        await host.Agents.PublishMessageAsync(new Unrelated(1), News, messageId: "m1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("m1");

        Assert.Empty(host.Get<EventRecorder>().Events);
        Assert.Contains(host.Deliveries.Log, entry => entry is { EventId: "m1", Result: DeliveryResult.Success });
    }

    private static Task<AgentTestHost> StartAsync(Action<AgentsBuilder>? more = null) => AgentTestHost.StartAsync(services =>
    {
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<CallProbe>();
        var agents = services.AddAgents(agents => agents
            .AddAgent<NewsReader>("news-reader")
            .AddAgent<PrefixReader>("prefix-reader")
            .AddAgent<SportsReader>("sports-reader")
            .AddAgent<PublisherAgent>("news-reader-publisher"));
        more?.Invoke(agents);
    });
}
