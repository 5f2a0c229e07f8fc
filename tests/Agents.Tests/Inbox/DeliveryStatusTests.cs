using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Tests.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Inbox;

/// <summary>Delivery status for senders, derived from cursors and leases, and per-channel metrics.</summary>
public sealed class DeliveryStatusTests
{
    [Fact]
    public async Task A_posts_status_follows_each_recipient_through_pending_leased_acknowledged_and_given_up()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.MaxAttemptsNormal = 2);
        var id = await host.CreateChannelAsync("agt_a", "agt_b", "agt_c", "agt_d");
        await host.DrainAsync("agt_a", "agt_b", "agt_c", "agt_d");
        var post = await host.Channels.PostAsync(id, "agt_a", null, "tracked").WithTimeout();
        Assert.All((await StatusAsync(host, id, post)).Recipients, r => Assert.Equal(DeliveryState.Pending, r.State));

        var toB = Assert.Single(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
        await host.Inbox.AcknowledgeAsync("agt_b", [toB.DeliveryId]).WithTimeout();
        var toC = Assert.Single(await host.Inbox.ReadAsync("agt_c", 10, TimeSpan.Zero).WithTimeout());
        await host.Inbox.HandBackAsync("agt_c", [toC.DeliveryId]).WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(await host.Inbox.ReadAsync("agt_c", 10, TimeSpan.Zero).WithTimeout());
        var leasedStatus = await StatusAsync(host, id, post);
        await host.Inbox.HandBackAsync("agt_c", [again.DeliveryId]).WithTimeout();
        var status = await StatusAsync(host, id, post);

        Assert.Equal((post.Id, "agt_a", (string?)null), (status.MessageId, status.SenderId, status.NextCursor));
        Assert.Equal(["agt_b", "agt_c", "agt_d"], status.Recipients.Select(r => r.AgentId));
        Assert.Equal((DeliveryState.Leased, 2), (leasedStatus.Recipients[1].State, leasedStatus.Recipients[1].Attempt!.Value));
        Assert.Equal(
            [DeliveryState.Acknowledged, DeliveryState.GivenUp, DeliveryState.Pending],
            status.Recipients.Select(r => r.State));
    }

    [Fact]
    public async Task After_a_restart_outcomes_stay_while_a_lease_reads_as_pending_with_a_later_lease_detail_time()
    {
        var directory = ChannelTestHost.NewDataDirectory();
        var time = new ManualTimeProvider();
        ChannelId id;
        ChannelMessage post;
        MessageDelivery before;
        await using (var host = ChannelTestHost.Start(inbox: o => o.MaxAttemptsNormal = 1, dataDirectory: directory, time: time))
        {
            id = await host.CreateChannelAsync("agt_a", "agt_b", "agt_c", "agt_d");
            await host.DrainAsync("agt_a", "agt_b", "agt_c", "agt_d");
            post = await host.Channels.PostAsync(id, "agt_a", null, "before the restart").WithTimeout();
            await host.Inbox.AcknowledgeAsync("agt_b", [.. (await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero)).Select(d => d.DeliveryId)]).WithTimeout();
            await host.Inbox.HandBackAsync("agt_c", [.. (await host.Inbox.ReadAsync("agt_c", 10, TimeSpan.Zero)).Select(d => d.DeliveryId)]).WithTimeout();
            Assert.Single(await host.Inbox.ReadAsync("agt_d", 10, TimeSpan.Zero).WithTimeout());
            before = await StatusAsync(host, id, post);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await using var restarted = ChannelTestHost.Start(inbox: o => o.MaxAttemptsNormal = 1, dataDirectory: directory, time: time);
        var after = await StatusAsync(restarted, id, post);

        Assert.Equal([DeliveryState.Acknowledged, DeliveryState.GivenUp, DeliveryState.Leased], before.Recipients.Select(r => r.State));
        Assert.Equal([DeliveryState.Acknowledged, DeliveryState.GivenUp, DeliveryState.Pending], after.Recipients.Select(r => r.State));
        Assert.All(after.Recipients, r => Assert.Equal(time.GetUtcNow(), r.LeaseDetailSince));
        Assert.All(before.Recipients, r => Assert.True(r.LeaseDetailSince < time.GetUtcNow()));
    }

    [Fact]
    public async Task Only_the_sender_or_the_operator_may_read_a_posts_status_and_recipients_come_in_pages()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b", "agt_c", "agt_d");
        var post = await host.Channels.PostAsync(id, "agt_b", null, "mine").WithTimeout();

        await Assert.ThrowsAsync<ChannelAccessDeniedException>(() => host.Channels.GetDeliveryAsync(id, post.Sequence, "agt_c", null, 10));
        var first = await host.Channels.GetDeliveryAsync(id, post.Sequence, null, null, 2).WithTimeout();
        var second = await host.Channels.GetDeliveryAsync(id, post.Sequence, "agt_b", first!.NextCursor, 2).WithTimeout();

        Assert.Equal(["agt_a", "agt_c"], first.Recipients.Select(r => r.AgentId));
        Assert.Equal(["agt_d"], second!.Recipients.Select(r => r.AgentId));
        Assert.Null(second.NextCursor);
        Assert.Null(await host.Channels.GetDeliveryAsync(id, post.Sequence + 1, null, null, 10).WithTimeout());
        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.GetDeliveryAsync(ChannelId.Create("nowhere"), 1, null, null, 10));
    }

    [Fact]
    public async Task A_direct_messages_status_is_known_to_its_sender_after_it_was_acknowledged_and_its_message_deleted()
    {
        await using var host = ChannelTestHost.Start();
        var sent = await host.Inbox.SendAsync("agt_b", new DirectMessage { SenderId = "agt_a", Content = "psst" }).WithTimeout();
        var pending = await host.Inbox.GetDirectDeliveryAsync("agt_b", sent.Sequence, "agt_a").WithTimeout();
        var delivery = Assert.Single(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
        var leased = await host.Inbox.GetDirectDeliveryAsync("agt_b", sent.Sequence, null).WithTimeout();
        await host.Inbox.AcknowledgeAsync("agt_b", [delivery.DeliveryId]).WithTimeout();

        var acknowledged = await host.Inbox.GetDirectDeliveryAsync("agt_b", sent.Sequence, "agt_a").WithTimeout();

        Assert.Equal(DeliveryState.Pending, Assert.Single(pending!.Recipients).State);
        Assert.Equal((DeliveryState.Leased, 1), (Assert.Single(leased!.Recipients).State, leased.Recipients[0].Attempt!.Value));
        Assert.Equal((sent.Id, "agt_a", DeliveryState.Acknowledged), (acknowledged!.MessageId, acknowledged.SenderId, acknowledged.Recipients[0].State));
        await Assert.ThrowsAsync<ChannelAccessDeniedException>(() => host.Inbox.GetDirectDeliveryAsync("agt_b", sent.Sequence, "agt_c"));
        Assert.Null(await host.Inbox.GetDirectDeliveryAsync("agt_b", sent.Sequence + 1, null).WithTimeout());
    }

    [Fact]
    public async Task Channel_metrics_count_posts_by_priority_in_the_log_and_deliveries_seen_by_this_process()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.MaxAttemptsLow = 1);
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "urgent", MessagePriority.High).WithTimeout();
        await host.Channels.PostAsync(id, "agt_a", null, "routine").WithTimeout();
        await host.Channels.PostAsync(id, "agt_a", null, "someday", MessagePriority.Low).WithTimeout();
        host.Time.Advance(TimeSpan.FromMilliseconds(40));
        var deliveries = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();
        await host.Inbox.AcknowledgeAsync("agt_b", [.. deliveries.Where(d => d.Message.Priority != MessagePriority.Low).Select(d => d.DeliveryId)]).WithTimeout();
        await host.Inbox.HandBackAsync("agt_b", [.. deliveries.Where(d => d.Message.Priority == MessagePriority.Low).Select(d => d.DeliveryId)]).WithTimeout();

        var report = await host.Channels.GetMetricsAsync(id).WithTimeout();

        Assert.Equal((5L, 2L, 0L, 2), (report.Messages, report.SystemMessages, report.CountedAfter, report.Members));
        Assert.Equal([("high", 1L), ("low", 1L), ("normal", 1L)], report.Posts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        // The drain delivered and acknowledged agt_b's join announcement to agt_a before the three posts.
        Assert.Equal((4L, 0L, 3L, 1L), (report.Deliveries.Delivered, report.Deliveries.Redelivered, report.Deliveries.Acknowledged, report.Deliveries.GivenUp));
        Assert.Equal(3.0 / 4, report.Deliveries.SuccessRate!.Value, 6);
        Assert.Equal((4L, 40.0), (report.Deliveries.DeliveryLatency.Count, report.Deliveries.DeliveryLatency.Max!.Value));
        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.GetMetricsAsync(ChannelId.Create("nowhere")));
    }

    private static async Task<MessageDelivery> StatusAsync(ChannelTestHost host, ChannelId id, ChannelMessage post) =>
        (await host.Channels.GetDeliveryAsync(id, post.Sequence, post.SenderId, null, 100).WithTimeout())!;
}
