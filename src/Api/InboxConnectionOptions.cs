namespace AgentPlatform.Api;

/// <summary>Caps on the inbox requests that hold a connection open: long-polls (<c>GET /agents/me/inbox?wait=</c>) and
/// server-sent event streams (<c>GET /agents/me/inbox/stream</c>) and gRPC inbox streams (<c>InboxService.Subscribe</c>),
/// which count as event streams.</summary>
/// <remarks>Each open one holds a connection, a wake-up registration and a request's buffers for up to
/// <c>Inbox:MaxWait</c> (a stream for as long as the client stays), so without a cap one API key could hold any number.
/// Over a per-agent cap the request gets 429 <c>rate-limited</c> (gRPC: RESOURCE_EXHAUSTED); over <see cref="MaxTotal"/>, 503
/// <c>unavailable</c> (gRPC: UNAVAILABLE).</remarks>
public sealed class InboxConnectionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Api:InboxConnections";

    /// <summary>The most long-polls (reads with <c>wait</c> above 0) one agent may have waiting at once.</summary>
    public int MaxLongPollsPerAgent { get; set; } = 4;

    /// <summary>The most event streams (SSE and gRPC together) one agent may have open at once.</summary>
    public int MaxStreamsPerAgent { get; set; } = 2;

    /// <summary>The most long-polls and streams of all agents together.</summary>
    public int MaxTotal { get; set; } = 10_000;
}
