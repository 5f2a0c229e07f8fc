using AgentPlatform.AgentHost.Http;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The live update stream of one page, as server-sent events from the <see cref="DashboardEventLog"/>.</summary>
/// <remarks>A reconnecting browser sends <c>Last-Event-ID</c> and gets what it missed, or <see cref="DashboardEvent.Reset"/> when
/// the log no longer holds it (then the page reloads its data). The stream ends with <see cref="DashboardEvent.SignedOut"/>
/// once the session expires or is signed out. At most <see cref="DashboardOptions.MaxStreams"/> streams run at once.</remarks>
public static class DashboardLiveUpdates
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Serves the stream until the page goes away or the session ends.</summary>
    public static async Task StreamAsync(HttpContext context, DashboardFeed feed, DashboardEventLog log, DashboardSessions sessions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(sessions);
        if (!feed.TryOpenStream())
        {
            await Problems.RateLimited(TimeSpan.FromSeconds(5), "Too many dashboard pages are open; close one.").ExecuteAsync(context);
            return;
        }

        var cancellationToken = context.RequestAborted;
        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await response.WriteAsync("retry: 2000\n\n", cancellationToken);

            var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
            var cursor = log.Last;
            if (lastEventId.Length > 0)
            {
                if (log.Parse(lastEventId) is { } resumed && log.ReadAfter(resumed) is not null)
                {
                    cursor = resumed;
                }
                else
                {
                    await WriteAsync(response, log.IdOf(cursor), DashboardEvent.Reset, "{}", cancellationToken);
                }
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var next = log.NextAsync();
                if (log.ReadAfter(cursor) is { } events)
                {
                    foreach (var update in events)
                    {
                        await WriteAsync(response, log.IdOf(update.Sequence), update.Type, update.Data, cancellationToken);
                        cursor = update.Sequence;
                    }
                }
                else
                {
                    cursor = log.Last;
                    await WriteAsync(response, log.IdOf(cursor), DashboardEvent.Reset, "{}", cancellationToken);
                }

                if (!sessions.IsSignedIn(context))
                {
                    await WriteAsync(response, log.IdOf(cursor), DashboardEvent.SignedOut, "{}", cancellationToken);
                    return;
                }

                await response.Body.FlushAsync(cancellationToken);
                if (await Task.WhenAny(next, Task.Delay(KeepAlive, cancellationToken)) != next && !cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
        finally
        {
            feed.CloseStream();
        }
    }

    private static Task WriteAsync(HttpResponse response, string id, string type, string data, CancellationToken cancellationToken) =>
        response.WriteAsync($"id: {id}\nevent: {type}\ndata: {data}\n\n", cancellationToken);
}
