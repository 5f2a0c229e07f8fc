using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Tests.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Inbox;

public sealed class InboxServiceTests
{
    [Fact]
    public async Task A_post_reaches_every_member_but_the_sender()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b", "agt_c");
        await host.DrainAsync("agt_a", "agt_b", "agt_c");

        var post = await host.Channels.PostAsync(id, "agt_a", "t", "hello").WithTimeout();

        foreach (var member in new[] { "agt_b", "agt_c" })
        {
            var delivery = Assert.Single(await host.Inbox.ReadAsync(member, 10, TimeSpan.Zero).WithTimeout());
            Assert.Equal(post.Id, delivery.Message.Id);
            Assert.Equal(1, delivery.Attempt);
        }

        Assert.Empty(await host.Inbox.ReadAsync("agt_a", 10, TimeSpan.Zero).WithTimeout());
    }

    [Fact]
    public async Task Joins_of_others_arrive_as_system_messages()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a");

        await host.Channels.JoinAsync(id, "agt_b").WithTimeout();

        var delivery = Assert.Single(await host.Inbox.ReadAsync("agt_a", 10, TimeSpan.Zero).WithTimeout());
        Assert.Equal(MessageKind.System, delivery.Message.Kind);
        Assert.Equal("agt_b", delivery.Message.SenderId);
        Assert.Empty(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
    }

    [Fact]
    public async Task Unacknowledged_deliveries_come_back_after_the_ack_timeout_and_acknowledged_ones_do_not()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.AckTimeout = TimeSpan.FromSeconds(10));
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "kept").WithTimeout();
        await host.Channels.PostAsync(id, "agt_a", null, "acked").WithTimeout();

        var first = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();
        var acked = await host.Inbox.AcknowledgeAsync("agt_b", [first[1].DeliveryId, first[1].DeliveryId, "nope:1"]).WithTimeout();
        var beforeTimeout = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(10));
        var again = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();

        Assert.Equal(2, first.Count);
        Assert.Equal(1, acked);
        Assert.Empty(beforeTimeout);
        var redelivered = Assert.Single(again);
        Assert.Equal(first[0].DeliveryId, redelivered.DeliveryId);
        Assert.Equal("kept", redelivered.Message.Content);
        Assert.Equal(2, redelivered.Attempt);
    }

    [Fact]
    public async Task Long_poll_wakes_as_soon_as_a_post_arrives()
    {
        RecordingTimeProvider? clock = null;
        await using var host = ChannelTestHost.Start(clock: manual => clock = new RecordingTimeProvider(manual, TimeSpan.FromSeconds(30)));
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");

        var waiting = host.Inbox.ReadAsync("agt_b", 10, TimeSpan.FromSeconds(30));
        await clock!.Created.WithTimeout();
        Assert.False(waiting.IsCompleted);
        var post = await host.Channels.PostAsync(id, "agt_a", null, "wake up").WithTimeout();
        var deliveries = await waiting.WithTimeout();

        Assert.Equal(post.Id, Assert.Single(deliveries).Message.Id);
    }

    [Fact]
    public async Task Long_poll_returns_empty_when_the_wait_runs_out()
    {
        RecordingTimeProvider? clock = null;
        await using var host = ChannelTestHost.Start(clock: manual => clock = new RecordingTimeProvider(manual, TimeSpan.FromSeconds(5)));
        await host.CreateChannelAsync("agt_a");

        var waiting = host.Inbox.ReadAsync("agt_a", 10, TimeSpan.FromSeconds(5));
        await clock!.Created.WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(await waiting.WithTimeout());
    }

    [Fact]
    public async Task Direct_messages_are_delivered_until_acknowledged()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.AckTimeout = TimeSpan.FromSeconds(5));

        var sent = await host.Inbox.SendAsync("agt_b", new DirectMessage { SenderId = "agt_a", Content = "psst", Priority = MessagePriority.Low }).WithTimeout();
        var delivery = Assert.Single(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
        var acked = await host.Inbox.AcknowledgeAsync("agt_b", [delivery.DeliveryId]).WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Null(sent.ChannelId);
        Assert.Equal(MessageKind.Direct, sent.Kind);
        Assert.Equal(1, sent.Sequence);
        Assert.Equal(sent.Id, delivery.Message.Id);
        Assert.Equal(1, acked);
        Assert.Empty(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
    }

    [Fact]
    public async Task Direct_messages_sent_at_once_each_get_their_own_sequence_and_all_arrive_in_that_order()
    {
        await using var host = ChannelTestHost.Start();

        var sent = await Task.WhenAll(Enumerable.Range(1, 30).Select(n =>
            host.Inbox.SendAsync("agt_b", new DirectMessage { SenderId = "agt_a", Content = $"m{n}" }).WithTimeout()));
        var deliveries = await host.Inbox.ReadAsync("agt_b", 100, TimeSpan.Zero).WithTimeout();

        Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), sent.Select(m => m.Sequence).Order());
        Assert.Equal(30, sent.Select(m => m.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"m{n}"), sent.Select(m => m.Content));
        Assert.Equal(sent.OrderBy(m => m.Sequence).Select(m => (m.Id, m.Content)), deliveries.Select(d => (d.Message.Id, d.Message.Content)));
    }

    [Fact]
    public async Task A_member_that_was_away_catches_up_from_its_cursor_after_a_restart()
    {
        var directory = ChannelTestHost.NewDataDirectory();
        var time = new ManualTimeProvider();
        var id = ChannelId.Create("catch-up");
        await using (var first = ChannelTestHost.Start(dataDirectory: directory, time: time))
        {
            await first.Channels.CreateAsync(id, "Catch up", null, "agt_a").WithTimeout();
            await first.Channels.JoinAsync(id, "agt_b").WithTimeout();
            await first.Channels.PostAsync(id, "agt_a", null, "seen").WithTimeout();
            var seen = await first.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();
            Assert.Equal(1, await first.Inbox.AcknowledgeAsync("agt_b", [.. seen.Select(d => d.DeliveryId)]).WithTimeout());
            await first.Channels.PostAsync(id, "agt_a", null, "missed 1").WithTimeout();
            await first.Channels.PostAsync(id, "agt_a", null, "missed 2").WithTimeout();
        }

        await using var second = ChannelTestHost.Start(dataDirectory: directory, time: time);
        var caughtUp = await second.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();

        Assert.Equal(["missed 1", "missed 2"], caughtUp.Select(d => d.Message.Content));
    }

    [Fact]
    public async Task A_delivery_is_abandoned_after_its_priority_budget()
    {
        await using var host = ChannelTestHost.Start(inbox: o =>
        {
            o.AckTimeout = TimeSpan.FromSeconds(1);
            o.MaxAttemptsLow = 2;
        });
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "poison", MessagePriority.Low).WithTimeout();

        var attempts = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            attempts.AddRange((await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout()).Select(d => d.Attempt));
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task Redeliveries_back_off_exponentially_up_to_the_cap()
    {
        await using var host = ChannelTestHost.Start(inbox: o =>
        {
            o.AckTimeout = TimeSpan.FromSeconds(1);
            o.MaxAckTimeout = TimeSpan.FromSeconds(4);
        });
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "slow reader").WithTimeout();

        // Read every second for 16 s: attempts come after leases of 1, 2, 4, 4, 4 seconds.
        var attemptsAt = new List<(int Second, int Attempt)>();
        for (var second = 0; second <= 15; second++)
        {
            foreach (var delivery in await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout())
            {
                attemptsAt.Add((second, delivery.Attempt));
            }

            host.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([(0, 1), (1, 2), (3, 3), (7, 4), (11, 5), (15, 6)], attemptsAt);
    }

    [Fact]
    public async Task Leaving_a_channel_stops_its_deliveries()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");

        await host.Channels.LeaveAsync(id, "agt_b").WithTimeout();
        await host.Channels.PostAsync(id, "agt_a", null, "after leaving").WithTimeout();

        Assert.Empty(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
        Assert.Equal("member left", Assert.Single(await host.Inbox.ReadAsync("agt_a", 10, TimeSpan.Zero).WithTimeout()).Message.Title);
    }

    [Fact]
    public async Task Stream_yields_deliveries_as_they_arrive()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        using var stop = new CancellationTokenSource();
        await host.Channels.PostAsync(id, "agt_a", null, "one").WithTimeout();

        await using var stream = host.Inbox.StreamAsync("agt_b", stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await stream.MoveNextAsync().AsTask().WithTimeout());
        var first = stream.Current;
        var next = stream.MoveNextAsync().AsTask();
        await host.Channels.PostAsync(id, "agt_a", null, "two").WithTimeout();
        Assert.True(await next.WithTimeout());

        Assert.Equal(["one", "two"], new[] { first.Message.Content, stream.Current.Message.Content });
        await stop.CancelAsync();
    }
}
