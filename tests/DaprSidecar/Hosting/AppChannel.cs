using System.Globalization;
using System.Net.Http.Headers;

namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>The sidecar's HTTP channel to its app replica on 127.0.0.1: every call carries <c>dapr-api-token</c> when the
/// cluster has an app token, and a refused connection or a timeout becomes <see cref="AppUnreachableException"/>.</summary>
internal sealed class AppChannel : IDisposable
{
    private const string TokenHeader = "dapr-api-token";

    private readonly HttpClient _http;
    private readonly int _replica;
    private readonly TimeSpan _callTimeout;

    public AppChannel(int replica, int appPort, string appId, string? appToken, TimeSpan connectTimeout, TimeSpan callTimeout)
    {
        _replica = replica;
        _callTimeout = callTimeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{appPort.ToString(CultureInfo.InvariantCulture)}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Add("dapr-app-id", appId);
        if (!string.IsNullOrEmpty(appToken))
        {
            _http.DefaultRequestHeaders.Add(TokenHeader, appToken);
        }
    }

    /// <summary>Sends one request to the app and reads the whole answer.</summary>
    /// <exception cref="AppUnreachableException">The app did not answer.</exception>
    public async Task<AppResponse> SendAsync(
        HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IEnumerable<KeyValuePair<string, string>>? headers,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (!string.IsNullOrEmpty(contentType))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_callTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var responseHeaders = response.Headers.Concat(response.Content.Headers)
                .GroupBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => string.Join(",", group.SelectMany(header => header.Value)), StringComparer.OrdinalIgnoreCase);
            return new AppResponse((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.ToString(), responseHeaders);
        }
        catch (HttpRequestException exception)
        {
            throw new AppUnreachableException(_replica, exception.Message, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AppUnreachableException(_replica, $"no answer within {_callTimeout}", exception);
        }
    }

    public void Dispose() => _http.Dispose();
}
