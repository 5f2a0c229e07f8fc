using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Tests.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Inbox;

/// <summary>One inbox read merges channels, direct messages and tasks, and redeliveries by priority: high before normal before low,
/// oldest first within a priority, so a backlog never hides a high one.</summary>
public sealed class InboxPriorityTests
{
    [Fact]
    public async Task A_read_returns_high_before_normal_before_low_oldest_first_across_channels_and_direct_messages()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.AckTimeout = TimeSpan.FromSeconds(5));
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        foreach (var (content, priority) in new[] { ("post low", MessagePriority.Low), ("post normal", MessagePriority.Normal) })
        {
            await host.Channels.PostAsync(id, "agt_a", null, content, priority).WithTimeout();
            host.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await host.Inbox.SendAsync("agt_b", new DirectMessage { SenderId = "agt_a", Content = "dm normal" }).WithTimeout();
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await host.Channels.PostAsync(id, "agt_a", null, "post high", MessagePriority.High).WithTimeout();
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await host.Inbox.SendAsync("agt_b", new DirectMessage { SenderId = "platform", Kind = MessageKind.Task, Content = "task high", Priority = MessagePriority.High }).WithTimeout();

        var first = await host.Inbox.ReadAsync("agt_b", 2, TimeSpan.Zero).WithTimeout();
        var rest = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout();

        Assert.Equal(["post high", "task high"], first.Select(d => d.Message.Content));
        Assert.Equal(["post normal", "dm normal", "post low"], rest.Select(d => d.Message.Content));
    }

    [Fact]
    public async Task A_high_post_behind_a_backlog_comes_first_once_and_what_a_read_left_out_comes_in_later_reads()
    {
        var directory = ChannelTestHost.NewDataDirectory();
        var time = new ManualTimeProvider();
        var id = ChannelId.Create("backlog");
        await using (var host = ChannelTestHost.Start(dataDirectory: directory, time: time, inbox: o => o.AckTimeout = TimeSpan.FromSeconds(5)))
        {
            await host.Channels.CreateAsync(id, "Backlog", null, "agt_a").WithTimeout();
            await host.Channels.JoinAsync(id, "agt_b").WithTimeout();
            await host.DrainAsync("agt_a", "agt_b");
            for (var i = 0; i < 30; i++)
            {
                await host.Channels.PostAsync(id, "agt_a", null, $"normal {i}").WithTimeout();
            }

            await host.Channels.PostAsync(id, "agt_a", null, "urgent", MessagePriority.High).WithTimeout();

            var first = await host.Inbox.ReadAsync("agt_b", 3, TimeSpan.Zero).WithTimeout();
            Assert.Equal(["urgent", "normal 0", "normal 1"], first.Select(d => d.Message.Content));
            Assert.Equal(3, await host.Inbox.AcknowledgeAsync("agt_b", [.. first.Select(d => d.DeliveryId)]).WithTimeout());
            var second = await host.Inbox.ReadAsync("agt_b", 2, TimeSpan.Zero).WithTimeout();
            var third = await host.Inbox.ReadAsync("agt_b", 100, TimeSpan.Zero).WithTimeout();
            Assert.Equal(Enumerable.Range(4, 26).Select(i => $"normal {i}"), third.Select(d => d.Message.Content));
            Assert.Equal(["normal 2", "normal 3"], second.Select(d => d.Message.Content));
            Assert.Equal(2, await host.Inbox.AcknowledgeAsync("agt_b", [.. second.Select(d => d.DeliveryId)]).WithTimeout());
        }

        // The durable cursor never passes what was not acknowledged, so after a restart everything from normal 4 comes again,
        // and so does the urgent post acknowledged out of order (at-least-once; that memory resets like leases).
        await using var restarted = ChannelTestHost.Start(dataDirectory: directory, time: time);
        var rest = await restarted.Inbox.ReadAsync("agt_b", 100, TimeSpan.Zero).WithTimeout();
        Assert.Equal(["urgent", .. Enumerable.Range(4, 26).Select(i => $"normal {i}")], rest.Select(d => d.Message.Content));
    }
}
