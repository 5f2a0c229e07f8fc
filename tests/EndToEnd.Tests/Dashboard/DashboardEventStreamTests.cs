using System.Net;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dashboard;

public sealed class DashboardEventStreamTests(ITestOutputHelper output)
{
    private const string OperatorToken = "dashboard-stream-operator-token";

    [Fact]
    public async Task The_live_stream_is_bounded_resumes_by_last_event_id_resets_on_an_unknown_one_and_ends_at_sign_out()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, new Dictionary<string, string>
        {
            ["Api__OperatorToken"] = OperatorToken,
            ["Dashboard__MaxStreams"] = "1",
            ["Dashboard__FeedInterval"] = "00:00:00.200",
        }, timeout);
        using var client = new DashboardClient(host);
        var cookie = await client.SessionCookieAsync(OperatorToken, timeout);

        string lastId;
        using (var first = await OpenAsync(client, cookie, null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
            Assert.Equal("text/event-stream", first.Response.Content.Headers.ContentType?.MediaType);
            var update = await first.ReadEventAsync(timeout);
            Assert.Equal("agents", update.Type);
            lastId = update.Id;

            // One stream is the configured bound: a second page is turned away until the first one closes.
            using var second = await OpenAsync(client, cookie, null, timeout);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.Response.StatusCode);
        }

        // Resuming from a known id replays what followed it, without a reset.
        using (var resumed = await OpenWhenFreeAsync(client, cookie, lastId, timeout))
        {
            var update = await resumed.ReadEventAsync(timeout);
            var (epoch, sequence) = (lastId.Split('-')[0], long.Parse(lastId.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual("reset", update.Type);
            Assert.Equal($"{epoch}-{sequence + 1}", update.Id);
        }

        // An id from another run of the host (or one too old) asks the page to reload everything.
        using (var stale = await OpenWhenFreeAsync(client, cookie, "0badbeef-42", timeout))
        {
            Assert.Equal("reset", (await stale.ReadEventAsync(timeout)).Type);
        }

        // Signing out ends a running stream with 'signed-out'.
        using var open = await OpenWhenFreeAsync(client, cookie, null, timeout);
        Assert.Equal(HttpStatusCode.OK, open.Response.StatusCode);
        using (var signOut = await client.SendAsync(HttpMethod.Post, "dashboard/sign-out", cookie, null, timeout))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        // A new event wakes the stream, which then notices the session is gone; agents registering make one.
        await client.RegisterAsync(new { name = "wake-up-agent" }, timeout);
        SseEvent last;
        do
        {
            last = await open.ReadEventAsync(timeout);
        }
        while (last.Type != "signed-out");
        Assert.Null(await open.Reader.ReadLineAsync(timeout));
    }

    private static async Task<SseStream> OpenAsync(DashboardClient client, string cookie, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard/events");
        request.Headers.Add("Cookie", cookie);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    /// <summary>Opens a stream once the previous one's slot is released (the host notices a closed connection a moment later).</summary>
    private static async Task<SseStream> OpenWhenFreeAsync(DashboardClient client, string cookie, string? lastEventId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stream = await OpenAsync(client, cookie, lastEventId, cancellationToken);
            if (stream.Response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return stream;
            }

            stream.Dispose();
            await Task.Delay(100, cancellationToken);
        }
    }

    private sealed record SseEvent(string Id, string Type, string Data);

    private sealed class SseStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public HttpResponseMessage Response { get; } = response;

        public StreamReader Reader { get; } = reader;

        public async Task<SseEvent> ReadEventAsync(CancellationToken cancellationToken)
        {
            string? id = null, type = null, data = null;
            while (await Reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0 && type is not null)
                {
                    return new SseEvent(id ?? "", type, data ?? "");
                }

                if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }

            throw new EndOfStreamException("The stream ended before the next event.");
        }

        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }
}
