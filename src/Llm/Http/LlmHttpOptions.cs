namespace AgentPlatform.Llm.Http;

/// <summary>How the pooled <see cref="HttpClient"/> of LLM calls connects to each endpoint; the defaults suit 100 or more sub-agents
/// calling one endpoint at once.</summary>
public sealed class LlmHttpOptions
{
    /// <summary>The most connections open to one endpoint at once (HTTP/1.1 runs one request per connection).</summary>
    public int MaxConnectionsPerEndpoint { get; set; } = 256;

    /// <summary>How long opening a connection (TCP and TLS) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take from sending to the end of its reply (a streamed one included).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a pooled connection may sit idle before it is closed.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a pooled connection is reused at most, so DNS changes are seen.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle HTTP/2 connection is pinged to keep it alive; <see cref="Timeout.InfiniteTimeSpan"/> for never.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a keep-alive ping may go unanswered before the connection is closed.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
