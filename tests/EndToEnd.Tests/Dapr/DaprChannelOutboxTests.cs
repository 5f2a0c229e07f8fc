using System.Diagnostics;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The cross-replica wake-up of a post survives the death of the replica that committed it: the channel's reminder
/// brings the actor up on the other replica, which publishes the wake-up again and wakes its own readers.</summary>
public sealed class DaprChannelOutboxTests(ITestOutputHelper output)
{
    private const double LongPollSeconds = 25;

    [Fact]
    public async Task A_post_whose_wake_up_died_with_its_replica_still_wakes_a_long_poll_on_the_other_replica_before_its_timeout()
    {
        var timeout = TestTimeout.After(150);
        var clock = Stopwatch.StartNew();
        await using var replicas = await DaprHostReplicas.StartAsync(2, output, timeout, new Dictionary<string, string>
        {
            ["Channels__PostCooldown"] = "00:00:00",
            ["Channels__PublishRetryInterval"] = "00:00:02",
        });
        using var alice = await ApiAgent.RegisterAsync(replicas.Hosts[0], "alice", timeout);
        using var bobFirst = await ApiAgent.RegisterAsync(replicas.Hosts[0], "bob", timeout);
        var channel = await alice.CreateChannelAsync("outbox", timeout);
        var home = replicas.Cluster.HostOf("channel", channel) ?? throw new InvalidOperationException("The channel actor is not active.");
        var survivor = replicas.Hosts[1 - home];
        using var aliceThere = alice.OnReplica(survivor);
        using var bob = bobFirst.OnReplica(survivor);
        await bob.JoinAsync(channel, timeout);
        await bob.DrainInboxAsync(timeout);
        output.WriteLine($"set up after {clock.ElapsedMilliseconds} ms");

        // The broker refuses the wake-up while the home replica lives, so only a durable record of it can still wake bob.
        replicas.Cluster.Faults.RefusePublishesTo("channels.posts");
        var longPoll = bob.ReadInboxAsync(LongPollSeconds, timeout);
        var post = await aliceThere.PostAsync(channel, "outlives its replica", timeout);
        await replicas.Hosts[home].KillAsync();
        replicas.Cluster.Faults.Clear();
        var killed = Stopwatch.StartNew();

        var deliveries = await longPoll;
        output.WriteLine($"the long-poll on the surviving replica returned {killed.ElapsedMilliseconds} ms after the home replica was killed");
        Assert.Contains(deliveries, d => d!["message"]!["id"]!.GetValue<string>() == post["id"]!.GetValue<string>());
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(LongPollSeconds - 10), $"the long-poll took {killed.Elapsed}: it ran into its timeout");
        Assert.Equal(1 - home, replicas.Cluster.HostOf("channel", channel));
        output.WriteLine($"checked after {clock.ElapsedMilliseconds} ms");
    }
}
