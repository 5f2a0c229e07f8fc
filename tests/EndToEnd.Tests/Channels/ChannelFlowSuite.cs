using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>The channel flows of the README on a real host: fan-out, catch-up by cursor, redelivery, cooldown, direct
/// messages, the event stream. Run on each runtime by a subclass.</summary>
public abstract class ChannelFlowSuite(ChannelHostFixture fixture)
{
    [Fact]
    public async Task A_post_fans_out_to_every_member_except_the_sender()
    {
        var timeout = TestTimeout.After(60);
        using var talk = await Conversation.StartAsync(fixture.Host, "fanout", 3, timeout);
        var (channel, alice, bob, carol) = (talk.Channel, talk[0], talk[1], talk[2]);

        var post = await alice.PostAsync(channel, "to everyone but me", timeout, priority: "high");

        foreach (var member in new[] { bob, carol })
        {
            var delivery = Assert.Single(await member.ReadInboxAsync(5, timeout))!;
            Assert.Equal(post["id"]!.GetValue<string>(), delivery["message"]!["id"]!.GetValue<string>());
            Assert.Equal(alice.Id, delivery["message"]!["sender_id"]!.GetValue<string>());
            Assert.Equal("high", delivery["message"]!["priority"]!.GetValue<string>());
            Assert.Equal(1, delivery["attempt"]!.GetValue<int>());
        }

        Assert.Empty(await alice.ReadInboxAsync(0, timeout));
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", post["traceparent"]!.GetValue<string>());
    }

    [Fact]
    public async Task Joining_is_announced_to_the_members_as_a_system_message()
    {
        var timeout = TestTimeout.After(60);
        using var alice = await ApiAgent.RegisterAsync(fixture.Host, "alice", timeout);
        using var bob = await ApiAgent.RegisterAsync(fixture.Host, "bob", timeout);
        var channel = await alice.CreateChannelAsync("joins", timeout);

        await bob.JoinAsync(channel, timeout);
        using var again = await bob.SendAsync(HttpMethod.Post, $"channels/{channel}/members", null, timeout);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var delivery = Assert.Single(await alice.ReadInboxAsync(5, timeout))!;
        Assert.Equal("system", delivery["message"]!["kind"]!.GetValue<string>());
        Assert.Equal(bob.Id, delivery["message"]!["sender_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_that_was_offline_catches_up_by_cursor()
    {
        var timeout = TestTimeout.After(60);
        using var talk = await Conversation.StartAsync(fixture.Host, "catchup", 3, timeout);
        var (channel, alice, bob, carol) = (talk.Channel, talk[0], talk[1], talk[2]);
        var cursor = long.Parse((await bob.ReadLogAsync(channel, 0, 200, timeout))["next_cursor"]!.GetValue<string>(), CultureInfo.InvariantCulture);

        // Bob is away while three posts land.
        await alice.PostAsync(channel, "missed 1", timeout);
        await carol.PostAsync(channel, "missed 2", timeout);
        using var dave = await ApiAgent.RegisterAsync(fixture.Host, "dave", timeout);
        await dave.JoinAsync(channel, timeout);
        await dave.PostAsync(channel, "missed 3", timeout);

        var page = await bob.ReadLogAsync(channel, cursor, 200, timeout);
        var inbox = await bob.ReadInboxAsync(0, timeout);

        var posts = page["messages"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "post").Select(m => m!["content"]!.GetValue<string>());
        Assert.Equal(["missed 1", "missed 2", "missed 3"], posts);
        Assert.Equal(
            ["missed 1", "missed 2", "missed 3"],
            inbox.Where(d => d!["message"]!["kind"]!.GetValue<string>() == "post").Select(d => d!["message"]!["content"]!.GetValue<string>()));
        var sequences = page["messages"]!.AsArray().Select(m => m!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(cursor + 1, sequences[0]);
    }

    [Fact]
    public async Task Unacknowledged_deliveries_are_delivered_again_after_the_ack_timeout()
    {
        var timeout = TestTimeout.After(60);
        using var talk = await Conversation.StartAsync(fixture.Host, "redeliver", 2, timeout);
        var (channel, alice, bob) = (talk.Channel, talk[0], talk[1]);
        await alice.PostAsync(channel, "ack me", timeout);

        var first = Assert.Single(await bob.ReadInboxAsync(5, timeout))!;
        var whileLeased = await bob.ReadInboxAsync(0, timeout);
        var again = Assert.Single(await bob.ReadInboxAsync(ChannelHostFixture.AckTimeout.TotalSeconds + 5, timeout))!;
        var acknowledged = await bob.AcknowledgeAsync([again["delivery_id"]!.GetValue<string>()], timeout);
        var afterAck = await bob.ReadInboxAsync(ChannelHostFixture.AckTimeout.TotalSeconds + 1, timeout);

        Assert.Empty(whileLeased);
        Assert.Equal(first["delivery_id"]!.GetValue<string>(), again["delivery_id"]!.GetValue<string>());
        Assert.Equal(1, first["attempt"]!.GetValue<int>());
        Assert.Equal(2, again["attempt"]!.GetValue<int>());
        Assert.Equal(1, acknowledged);
        Assert.Empty(afterAck);
    }

    [Fact]
    public async Task Posting_again_within_the_cooldown_answers_429_with_a_correct_retry_after()
    {
        var timeout = TestTimeout.After(60);
        using var alice = await ApiAgent.RegisterAsync(fixture.Host, "alice", timeout);
        var channel = await alice.CreateChannelAsync("cooldown", timeout);
        var first = await alice.PostAsync(channel, "first", timeout);

        using var limited = await alice.SendAsync(HttpMethod.Post, $"channels/{channel}/messages", new { content = "too soon" }, timeout);
        var problem = JsonNode.Parse(await limited.Content.ReadAsStringAsync(timeout))!;
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://agent-platform.dev/problems/rate-limited", problem["type"]!.GetValue<string>());
        Assert.Equal(retryAfter, problem["retry_after_seconds"]!.GetValue<int>());
        Assert.InRange(retryAfter, 1, (int)ChannelHostFixture.PostCooldown.TotalSeconds);
        var log = await alice.ReadWholeLogAsync(channel, timeout);
        Assert.DoesNotContain(log, m => m["content"]!.GetValue<string>() == "too soon");

        // Waiting exactly as long as told is enough.
        await Task.Delay(TimeSpan.FromSeconds(retryAfter), timeout);
        var second = await alice.PostAsync(channel, "after waiting", timeout);
        Assert.Equal(first["sequence"]!.GetValue<long>() + 1, second["sequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task Direct_messages_reach_only_the_recipient_and_community_posts_reach_the_channel()
    {
        var timeout = TestTimeout.After(60);
        using var talk = await Conversation.StartAsync(fixture.Host, "community", 2, timeout);
        var (channel, alice, bob) = (talk.Channel, talk[0], talk[1]);

        using var direct = await alice.SendAsync(HttpMethod.Post, $"agents/{bob.Id}/messages", new { content = "just for bob", title = "psst" }, timeout);
        using var post = await bob.SendAsync(HttpMethod.Post, "posts", new { circle_id = channel, title = "hello", content = "community shape" }, timeout);

        await ApiAgent.ReadJsonAsync(direct, HttpStatusCode.Created, timeout);
        var posted = await ApiAgent.ReadJsonAsync(post, HttpStatusCode.Created, timeout);
        Assert.Equal(channel, posted["channel_id"]!.GetValue<string>());
        var bobInbox = Assert.Single(await bob.ReadInboxAsync(5, timeout))!;
        Assert.Equal("direct", bobInbox["message"]!["kind"]!.GetValue<string>());
        Assert.Equal("just for bob", bobInbox["message"]!["content"]!.GetValue<string>());
        var aliceInbox = Assert.Single(await alice.ReadInboxAsync(5, timeout))!;
        Assert.Equal("community shape", aliceInbox["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_event_stream_sends_deliveries_as_they_arrive()
    {
        var timeout = TestTimeout.After(60);
        using var talk = await Conversation.StartAsync(fixture.Host, "stream", 2, timeout);
        var (channel, alice, bob) = (talk.Channel, talk[0], talk[1]);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/agents/me/inbox/stream", UriKind.Relative));
        using var response = await bob.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout);
        using var reader = new StreamReader(body);
        await alice.PostAsync(channel, "streamed", timeout);

        string? eventName = null;
        string? data = null;
        while (data is null && await reader.ReadLineAsync(timeout) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        Assert.Equal("message", eventName);
        Assert.Equal("streamed", JsonNode.Parse(data!)!["message"]!["content"]!.GetValue<string>());
    }
}
