using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Issues and checks the dashboard's session cookie, which stands in for the operator token after one sign-in.</summary>
/// <remarks>
/// <para>A session is <c>{expiry}.{nonce}.{mac}</c>: an HMAC-SHA256, keyed by a key derived from the operator token, over the
/// expiry and a random nonce. Nothing is stored per session, so every replica sharing the token accepts it and a restart keeps
/// operators signed in; changing the operator token ends every session.</para>
/// <para>Signing out revokes the nonce in this process until the session would have expired anyway; a restart forgets
/// revocations (the browser has dropped the cookie; a copy taken before sign-out would work again until its expiry).</para>
/// </remarks>
public sealed class DashboardSessions
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "agentplatform_dashboard";

    private const int NonceBytes = 16;
    private const int MaxRevoked = 10_000;
    private static readonly byte[] KeyLabel = Encoding.UTF8.GetBytes("agentplatform dashboard session v1");

    private readonly byte[]? _key;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    /// <summary>Derives the session key from <see cref="ApiOptions.OperatorToken"/>.</summary>
    public DashboardSessions(IOptions<ApiOptions> api, IOptions<DashboardOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var token = api.Value.OperatorToken;
        _key = string.IsNullOrEmpty(token) ? null : HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), KeyLabel);
        Lifetime = options.Value.SessionLifetime;
        _time = time;
    }

    /// <summary>False when no operator token is configured: nobody can sign in.</summary>
    public bool IsEnabled => _key is not null;

    /// <summary>How long a session lasts.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>A new session cookie value and its expiry.</summary>
    /// <exception cref="InvalidOperationException">No operator token is configured.</exception>
    public (string Value, DateTimeOffset ExpiresAt) Issue()
    {
        var key = _key ?? throw new InvalidOperationException("No operator token is configured.");
        var expiresAt = _time.GetUtcNow() + Lifetime;
        var payload = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes));
        return (payload + "." + Base64Url.EncodeToString(Mac(key, payload)), DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>True when <paramref name="value"/> is a session this host issued (under the current token) that has neither
    /// expired nor been signed out.</summary>
    public bool IsValid(string? value) => Read(value) is { } session && !_revoked.ContainsKey(session.Nonce);

    /// <summary>True when the request carries a valid session cookie.</summary>
    public bool IsSignedIn(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsValid(context.Request.Cookies[CookieName]);
    }

    /// <summary>Ends the session <paramref name="value"/> in this process; anything else is ignored.</summary>
    public void Revoke(string? value)
    {
        if (Read(value) is not { } session)
        {
            return;
        }

        if (_revoked.Count >= MaxRevoked)
        {
            var now = _time.GetUtcNow();
            foreach (var (nonce, expiresAt) in _revoked)
            {
                if (expiresAt <= now)
                {
                    _revoked.TryRemove(nonce, out _);
                }
            }
        }

        _revoked[session.Nonce] = session.ExpiresAt;
    }

    private (string Nonce, DateTimeOffset ExpiresAt)? Read(string? value)
    {
        if (_key is not { } key || string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return null;
        }

        var lastDot = value.LastIndexOf('.');
        var firstDot = value.IndexOf('.', StringComparison.Ordinal);
        if (firstDot <= 0 || lastDot <= firstDot)
        {
            return null;
        }

        var payload = value[..lastDot];
        byte[] presented;
        try
        {
            presented = Base64Url.DecodeFromChars(value.AsSpan(lastDot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(key, payload))
            || !long.TryParse(value.AsSpan(0, firstDot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expiresAt > _time.GetUtcNow() ? (value[(firstDot + 1)..lastDot], expiresAt) : null;
    }

    private static byte[] Mac(byte[] key, string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));
}
