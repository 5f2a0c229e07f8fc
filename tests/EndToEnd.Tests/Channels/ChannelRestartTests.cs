using System.Net;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Channels;

public sealed class ChannelRestartTests(ITestOutputHelper output)
{
    private const int Posts = 60;

    [Fact]
    public async Task Every_post_acknowledged_before_a_hard_kill_is_readable_after_restart_exactly_once()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(
            output,
            new Dictionary<string, string>
            {
                ["Channels__PostCooldown"] = "00:00:00",
                ["Api__RateLimit__PermitsPerSecond"] = "1000",
                ["Api__RateLimit__Burst"] = "1000",
                ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000",
                ["Api__RegistrationRateLimit__Burst"] = "1000",
            },
            timeout);
        using var talk = await Conversation.StartAsync(host, "restart", 2, timeout);
        var (channel, alice, bob) = (talk.Channel, talk[0], talk[1]);

        // Concurrent posts so several are committed together; every one answered 201 must survive.
        var posted = new List<string>();
        for (var wave = 0; wave < Posts / 10; wave++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(wave * 10, 10).Select(i => alice.PostAsync(channel, $"post {i}", timeout)));
            posted.AddRange(answers.Select(a => a["id"]!.GetValue<string>()));
        }

        await host.KillAsync();
        await host.StartAsync(timeout);

        var log = await bob.ReadWholeLogAsync(channel, timeout);
        var posts = log.Where(m => m["kind"]!.GetValue<string>() == "post").ToList();
        Assert.Equal(Posts, posts.Count);
        Assert.Equal(posted.Order(), posts.Select(m => m["id"]!.GetValue<string>()).Order());
        Assert.Equal(log.Count, log.Select(m => m["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(m => m["sequence"]!.GetValue<long>()));

        // Bob was away through the crash: his inbox still holds every post, once.
        var received = new List<string>();
        while (await bob.ReadInboxAsync(0, timeout) is { Count: > 0 } deliveries)
        {
            received.AddRange(deliveries.Select(d => d!["message"]!["id"]!.GetValue<string>()));
            await bob.AcknowledgeAsync(deliveries.Select(d => d!["delivery_id"]!.GetValue<string>()), timeout);
        }

        Assert.Equal(posted.Order(), received.Order());
        using var next = await alice.SendAsync(HttpMethod.Post, $"channels/{channel}/messages", new { content = "after restart" }, timeout);
        var answer = await ApiAgent.ReadJsonAsync(next, HttpStatusCode.Created, timeout);
        Assert.Equal(log.Count + 1, answer["sequence"]!.GetValue<long>());
    }
}
