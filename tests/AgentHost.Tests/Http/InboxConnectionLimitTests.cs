using System.Net;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>Long-polls and event streams are capped per agent (429) and in total (503) over real HTTP.</summary>
public sealed class InboxConnectionLimitTests
{
    [Fact]
    public async Task A_second_waiting_long_poll_of_an_agent_gets_429_and_the_first_still_gets_its_message()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Api:InboxConnections:MaxLongPollsPerAgent"] = "1" });
        var (readerId, readerKey) = await host.RegisterAsync("poll-reader");
        var (_, senderKey) = await host.RegisterAsync("poll-sender");

        var first = host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=30", readerKey);
        var second = host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=30", readerKey);
        var refused = await Task.WhenAny(first, second);
        using (var response = await refused)
        {
            await ProblemAssert.IsAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
        }

        using (var sent = await host.SendAsync(HttpMethod.Post, $"api/v1/agents/{readerId}/messages", senderKey, """{"content":"wake up"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        using var waited = await (refused == first ? second : first);
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        Assert.Contains("wake up", await waited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_stream_of_an_agent_gets_429_and_a_long_poll_over_the_total_gets_503()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:InboxConnections:MaxStreamsPerAgent"] = "1",
            ["Api:InboxConnections:MaxLongPollsPerAgent"] = "1",
            ["Api:InboxConnections:MaxTotal"] = "1",
        });
        var (_, streamerKey) = await host.RegisterAsync("stream-reader");
        var (_, otherKey) = await host.RegisterAsync("other-reader");

        using var open = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/agents/me/inbox/stream", UriKind.Relative));
        open.Headers.TryAddWithoutValidation("Authorization", $"Bearer {streamerKey}");
        using var stream = await host.Client.SendAsync(open, HttpCompletionOption.ResponseHeadersRead, TestKit.TestTimeout.After(30));
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);

        using var secondStream = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox/stream", streamerKey);
        await ProblemAssert.IsAsync(secondStream, HttpStatusCode.TooManyRequests, "rate-limited");
        using var overTotal = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=5", otherKey);
        var problem = await ProblemAssert.IsAsync(overTotal, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Contains("MaxTotal", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(overTotal.Headers.RetryAfter is not null);
        using var notWaiting = await host.SendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=0", otherKey);
        Assert.Equal(HttpStatusCode.OK, notWaiting.StatusCode);
    }
}
