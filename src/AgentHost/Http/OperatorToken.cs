using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Http;

/// <summary>Checks bearer tokens against the configured operator token in constant time.</summary>
public sealed class OperatorToken
{
    private readonly byte[]? _hash;

    /// <summary>Reads <see cref="ApiOptions.OperatorToken"/>.</summary>
    public OperatorToken(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hash = string.IsNullOrEmpty(options.Value.OperatorToken) ? null : Hash(options.Value.OperatorToken);
    }

    /// <summary>False when no operator token is configured, so admin endpoints are disabled.</summary>
    public bool IsConfigured => _hash is not null;

    /// <summary>True when <paramref name="token"/> is the operator token.</summary>
    public bool Matches(string token) => _hash is not null && CryptographicOperations.FixedTimeEquals(Hash(token), _hash);

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
