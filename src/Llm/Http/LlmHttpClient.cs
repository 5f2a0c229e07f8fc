namespace AgentPlatform.Llm.Http;

/// <summary>The one pooled <see cref="HttpClient"/> of every LLM call. Its <see cref="SocketsHttpHandler"/> keeps a connection pool
/// per endpoint (scheme, host and port), each bounded by <see cref="LlmHttpOptions.MaxConnectionsPerEndpoint"/>, so every agent
/// calling one endpoint shares that endpoint's pool.</summary>
public sealed class LlmHttpClient(LlmHttpOptions options) : IDisposable
{
    private readonly Lazy<HttpClient> _client = new(() => Create(options));

    /// <summary>The client; it serves every endpoint, each from its own connection pool.</summary>
    public HttpClient Client => _client.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    private static HttpClient Create(LlmHttpOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerEndpoint,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = options.ReadTimeout };
    }
}
