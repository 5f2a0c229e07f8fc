using AgentPlatform.Agents.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Channels;

/// <summary>Opt-in publishing of a channel's log to <c>channel.&lt;id&gt;</c>, and the outbox that makes it (and the
/// cross-replica wake-ups) survive a process that dies between the commit and the publish.</summary>
public sealed class ChannelTopicTests
{
    [Fact]
    public async Task A_channel_that_opts_in_publishes_each_message_on_its_topic_with_the_message_id_subject_and_type()
    {
        var broker = new CapturingPubSub();
        await using var host = ChannelTestHost.Start(pubSub: broker);
        var id = ChannelId.Create("topical");
        var created = await host.Channels.CreateAsync(id, "Topical", null, "agt_a", publishToTopic: true).WithTimeout();
        await host.Channels.JoinAsync(id, "agt_b").WithTimeout();

        var post = await host.Channels.PostAsync(id, "agt_b", "hi", "hello topic", MessagePriority.High).WithTimeout();

        await broker.UntilAsync(b => b.MessagesOn("channel.topical").Count == 3);
        var published = broker.MessagesOn("channel.topical");
        Assert.Equal(("channel.topical", true), (created.Topic, created.PublishToTopic));
        Assert.Equal([1L, 2L, 3L], published.Select(p => p.Message.Sequence));
        var last = published[^1];
        Assert.Equal(post, last.Message);
        Assert.Equal((post.Id, "topical", ChannelTopic.EventType), (last.Options.Id, last.Options.Subject, last.Options.Type));
    }

    [Fact]
    public async Task A_channel_publishes_nothing_on_its_topic_until_it_is_updated_to_opt_in()
    {
        var broker = new CapturingPubSub();
        await using var host = ChannelTestHost.Start(pubSub: broker);
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        var before = await host.Channels.PostAsync(id, "agt_a", null, "private").WithTimeout();

        var updated = await host.Channels.UpdateAsync(id, "agt_a", null, null, publishToTopic: true).WithTimeout();
        var after = await host.Channels.PostAsync(id, "agt_b", null, "public").WithTimeout();

        await broker.UntilAsync(b => b.MessagesOn(ChannelTopic.For(id.Value)).Count > 0);
        Assert.True(updated.PublishToTopic);
        Assert.Equal([after.Id], broker.MessagesOn(ChannelTopic.For(id.Value)).Select(p => p.Message.Id));
        Assert.NotEqual(before.Id, after.Id);
    }

    [Fact]
    public async Task Only_the_creator_or_the_operator_may_change_a_channel()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b");

        await Assert.ThrowsAsync<ChannelAccessDeniedException>(() => host.Channels.UpdateAsync(id, "agt_b", "Renamed", null, null));
        var byOperator = await host.Channels.UpdateAsync(id, null, "Renamed", "by the operator", null).WithTimeout();

        Assert.Equal(("Renamed", "by the operator", false), (byOperator.Name, byOperator.Description, byOperator.PublishToTopic));
        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.UpdateAsync(ChannelId.Create("nowhere"), null, "x", null, null));
    }

    [Fact]
    public async Task Events_a_dead_process_left_unpublished_are_published_again_by_the_next_activation()
    {
        var directory = ChannelTestHost.NewDataDirectory();
        var down = new CapturingPubSub { Refusing = true };
        ChannelId id;
        ChannelMessage first, second;
        await using (var crashed = ChannelTestHost.Start(dataDirectory: directory, pubSub: down, relay: down))
        {
            id = ChannelId.Create("outbox");
            await crashed.Channels.CreateAsync(id, "Outbox", null, "agt_a", publishToTopic: true).WithTimeout();
            await crashed.Channels.JoinAsync(id, "agt_b").WithTimeout();
            first = await crashed.Channels.PostAsync(id, "agt_a", null, "one").WithTimeout();
            second = await crashed.Channels.PostAsync(id, "agt_a", null, "two").WithTimeout();
        }

        var up = new CapturingPubSub();
        await using var restarted = ChannelTestHost.Start(dataDirectory: directory, pubSub: up, relay: up);

        await restarted.Channels.GetAsync(id).WithTimeout();

        await up.UntilAsync(b => b.Wakeups.Any(w => w.Head == second.Sequence) && b.MessagesOn("channel.outbox").Count >= 4);
        Assert.Empty(down.Published);
        var wakeup = up.Wakeups.Single(w => w.Head == second.Sequence);
        Assert.Equal(["agt_a", "agt_b"], wakeup.AgentIds.Order(StringComparer.Ordinal));
        Assert.Equal([1L, 2L, first.Sequence, second.Sequence], up.MessagesOn("channel.outbox").Select(p => p.Message.Sequence));
    }
}
