using System.Collections.Concurrent;

namespace AgentPlatform.Llm.Http;

/// <summary>One pooled <see cref="HttpClient"/> per LLM endpoint (scheme, host and port), shared by every agent calling it.</summary>
public sealed class LlmHttpClients(LlmHttpOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new(StringComparer.Ordinal);

    /// <summary>The client of the server <paramref name="endpoint"/> is on.</summary>
    public HttpClient For(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _clients.GetOrAdd(endpoint.GetLeftPart(UriPartial.Authority), _ => new Lazy<HttpClient>(Create)).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private HttpClient Create()
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
