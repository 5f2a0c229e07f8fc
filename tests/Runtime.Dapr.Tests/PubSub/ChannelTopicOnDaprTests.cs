using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Tests.Support;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Dapr.Tests.PubSub;

/// <summary>A channel that opts in publishes its messages on <c>channel.&lt;id&gt;</c> through Dapr pub/sub, as an agent with
/// its own sidecar receives them: a CloudEvent on the <c>pubsub</c> component with the message as data.</summary>
public sealed class ChannelTopicOnDaprTests : IAsyncLifetime
{
    private const string Topic = "channel.dapr-topic";

    private readonly TempDirectory _directory = new();
    private readonly ForwardingPubSub _pubSub = new();
    private DaprAppReplicas _replicas = null!;
    private ChannelSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = ChannelSystem.Create(new ChannelOptions { PostCooldown = TimeSpan.Zero }, new InboxOptions(), pubSub: _pubSub);
        _replicas = await DaprAppReplicas.StartAsync(_directory.Path, _system.ActorTypes, topics: new Dictionary<string, string?> { [Topic] = null });
        _pubSub.Target = _replicas.Services().GetRequiredService<IPubSub>();
    }

    public async Task DisposeAsync()
    {
        await _replicas.DisposeAsync();
        _system.Metrics.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Each_message_of_an_opted_in_channel_arrives_on_its_topic_as_a_cloud_event_with_the_message_as_data()
    {
        var received = System.Threading.Channels.Channel.CreateUnbounded<CloudEvent>();
        await using var subscription = await _pubSub.Target!.SubscribeAsync(new TopicSubscription(Topic, (e, _) =>
        {
            received.Writer.TryWrite(e);
            return ValueTask.FromResult(DeliveryResult.Success);
        }));
        var channels = _system.CreateChannelService(_replicas.Services().GetRequiredService<IActorRuntime>());
        var id = ChannelId.Create("dapr-topic");

        await channels.CreateAsync(id, "On Dapr", null, "agt_a", publishToTopic: true).WithTimeout();
        var post = await channels.PostAsync(id, "agt_a", "hello", "over the sidecar", MessagePriority.High).WithTimeout();

        var timeout = TestTimeout.After(20);
        var created = await received.Reader.ReadAsync(timeout);
        var posted = await received.Reader.ReadAsync(timeout);
        Assert.Equal((1L, MessageKind.System), (created.GetData<ChannelMessage>()!.Sequence, created.GetData<ChannelMessage>()!.Kind));
        Assert.Equal((post.Id, "dapr-topic", ChannelTopic.EventType, "pubsub"), (posted.Id, posted.Subject, posted.Type, posted.PubSubName));
        var data = Assert.IsType<JsonElement>(posted.Data);
        Assert.Equal(
            ("agt_a", "over the sidecar", "high", "dapr-topic", post.Sequence),
            (data.GetProperty("sender_id").GetString(), data.GetProperty("content").GetString(), data.GetProperty("priority").GetString(),
                data.GetProperty("channel_id").GetString(), data.GetProperty("sequence").GetInt64()));
    }

    /// <summary>The app's pub/sub exists only once the app is built, after the actor types were handed to it.</summary>
    private sealed class ForwardingPubSub : IPubSub
    {
        public IPubSub? Target { get; set; }

        public string Name => Resolved.Name;

        private IPubSub Resolved => Target ?? throw new InvalidOperationException("Set Target to the app's pub/sub first.");

        public ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
            Resolved.PublishAsync(topic, data, options, cancellationToken);

        public ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default) =>
            Resolved.SubscribeAsync(subscription, cancellationToken);
    }
}
