using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Dashboard;

/// <summary>Plain HTTP calls a dashboard test needs: sign-in without following redirects or keeping cookies (so each test says
/// which cookie it sends), agent registration and operator calls.</summary>
internal sealed class DashboardClient : IDisposable
{
    public const string CookieName = "agentplatform_dashboard";

    private readonly HttpClient _http;

    public DashboardClient(HostProcess host)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http => _http;

    /// <summary>Posts the sign-in form with <paramref name="token"/>; <paramref name="origin"/> is sent as <c>Origin</c> when set.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string token, string? origin, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "dashboard/sign-in")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>Signs in and returns the session cookie as <c>name=value</c>.</summary>
    public async Task<string> SessionCookieAsync(string token, CancellationToken cancellationToken)
    {
        using var response = await SignInAsync(token, null, cancellationToken);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return SessionCookieOf(response) ?? throw new InvalidOperationException("Sign-in set no session cookie.");
    }

    /// <summary>The <c>name=value</c> part of the session's Set-Cookie header, or null.</summary>
    public static string? SessionCookieOf(HttpResponseMessage response) =>
        SetCookieOf(response)?.Split(';')[0];

    /// <summary>The whole session Set-Cookie header, or null.</summary>
    public static string? SetCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(CookieName + "=", StringComparison.Ordinal))
            : null;

    /// <summary>Sends a request with the given cookie, bearer token and <c>Origin</c> (each may be null).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? cookie, string? bearer, CancellationToken cancellationToken, HttpContent? content = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    /// <summary>Registers an agent and returns its id and API key.</summary>
    public async Task<(string Id, string Key)> RegisterAsync(object registration, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/agents", registration, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var document = JsonDocument.Parse(body);
        return (document.RootElement.GetProperty("agent").GetProperty("id").GetString()!, document.RootElement.GetProperty("api_key").GetString()!);
    }

    public void Dispose() => _http.Dispose();
}
