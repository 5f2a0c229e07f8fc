using System.Collections.Concurrent;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Inbox;

public sealed class InboxSignalRelayTests
{
    [Fact]
    public async Task A_channel_commit_is_relayed_once_with_the_channel_its_head_and_every_member_but_the_sender()
    {
        var relay = new RecordingRelay();
        await using var host = await AgentTestHost.StartAsync(services => services.AddSingleton<IInboxSignalRelay>(relay).AddChannels());
        var channels = host.Get<ChannelService>();
        var id = ChannelId.Create("relayed");
        await channels.CreateAsync(id, "Relayed", null, "agt_a").WithTimeout();
        await channels.JoinAsync(id, "agt_b").WithTimeout();
        var joined = await channels.JoinAsync(id, "agt_c").WithTimeout();
        await relay.HeadRelayedAsync(joined.Channel.LastSequence).WithTimeout();
        relay.Wakeups.Clear();

        var post = await channels.PostAsync(id, "agt_a", null, "hello").WithTimeout();

        await relay.HeadRelayedAsync(post.Sequence).WithTimeout();
        var wakeup = Assert.Single(relay.Wakeups);
        Assert.Equal(("relayed", post.Sequence), (wakeup.ChannelId, wakeup.Head));
        Assert.Equal(["agt_b", "agt_c"], wakeup.AgentIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_direct_message_is_relayed_for_its_recipient_and_still_wakes_a_reader_here()
    {
        var relay = new RecordingRelay();
        await using var host = await AgentTestHost.StartAsync(services => services.AddSingleton<IInboxSignalRelay>(relay).AddChannels());
        var inbox = host.Get<InboxService>();
        var waiting = inbox.ReadAsync("agt_b", 10, TimeSpan.FromSeconds(20));

        await inbox.SendAsync("agt_b", new DirectMessage { SenderId = "agt_a", Content = "psst" }).WithTimeout();

        Assert.Equal("psst", Assert.Single(await waiting.WithTimeout()).Message.Content);
        var wakeup = Assert.Single(relay.Wakeups);
        Assert.Null(wakeup.ChannelId);
        Assert.Equal(["agt_b"], wakeup.AgentIds);
    }

    [Fact]
    public void Signals_without_a_relay_stay_in_process()
    {
        var signals = new InboxSignals();
        var woken = signals.WaitAsync("agt_a");

        signals.Notify("agt_a");
        var relayed = signals.RelayChannelAsync("c", 1, ["agt_a"]);

        Assert.False(signals.IsRelayed);
        Assert.True(relayed.IsCompletedSuccessfully);
        Assert.True(woken.IsCompletedSuccessfully);
    }

    private sealed class RecordingRelay : IInboxSignalRelay
    {
        private readonly ConcurrentDictionary<long, TaskCompletionSource> _heads = new();

        public ConcurrentQueue<InboxWakeup> Wakeups { get; } = new();

        /// <summary>Completes once a channel wake-up with <paramref name="head"/> was relayed (the outbox relays after the commit).</summary>
        public Task HeadRelayedAsync(long head) => Head(head).Task;

        public ValueTask RelayAsync(string? channelId, long head, IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
        {
            Wakeups.Enqueue(new InboxWakeup(agentIds, channelId, head, "test"));
            Head(head).TrySetResult();
            return ValueTask.CompletedTask;
        }

        private TaskCompletionSource Head(long head) =>
            _heads.GetOrAdd(head, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
