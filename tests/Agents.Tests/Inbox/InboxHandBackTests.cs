using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Tests.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Inbox;

/// <summary>Negative acknowledgements: back-off from 100 ms doubling to the cap, and the attempt budget.</summary>
public sealed class InboxHandBackTests
{
    [Fact]
    public async Task A_handed_back_delivery_comes_again_after_a_doubling_back_off()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.MaxNackBackoff = TimeSpan.FromMilliseconds(300));
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "retry me").WithTimeout();
        var first = Assert.Single(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());

        var backOffs = new List<int>();
        var delivery = first;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await host.Inbox.HandBackAsync("agt_b", [delivery.DeliveryId, delivery.DeliveryId, "nope:1"]).WithTimeout());
            var waited = 0;
            IReadOnlyList<InboxDelivery> again;
            while ((again = await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout()).Count == 0)
            {
                host.Time.Advance(TimeSpan.FromMilliseconds(50));
                waited += 50;
            }

            delivery = Assert.Single(again);
            Assert.Equal((first.DeliveryId, attempt + 1), (delivery.DeliveryId, delivery.Attempt));
            backOffs.Add(waited);
        }

        Assert.Equal([100, 200, 300], backOffs);
    }

    [Fact]
    public async Task A_delivery_handed_back_on_its_last_attempt_is_given_up()
    {
        await using var host = ChannelTestHost.Start(inbox: o => o.MaxAttemptsLow = 1);
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.DrainAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "once", MessagePriority.Low).WithTimeout();
        var delivery = Assert.Single(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());

        Assert.Equal(1, await host.Inbox.HandBackAsync("agt_b", [delivery.DeliveryId]).WithTimeout());
        host.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(await host.Inbox.ReadAsync("agt_b", 10, TimeSpan.Zero).WithTimeout());
    }

    [Fact]
    public void Back_off_options_are_checked_with_the_others()
    {
        var result = new InboxOptionsValidator().Validate(null, new InboxOptions { NackBackoff = TimeSpan.Zero, AckTimeout = TimeSpan.Zero });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("NackBackoff", StringComparison.Ordinal));
    }
}
