using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AgentPlatform.Agents.Identity;

/// <summary>API keys of the form <c>apk_&lt;key id&gt;.&lt;secret&gt;</c>: generation, parsing, hashing and verification.</summary>
/// <remarks>
/// The secret is 32 random bytes in base64url (43 characters). Only its SHA-256 hash is stored; verification compares
/// hashes with <see cref="CryptographicOperations.FixedTimeEquals"/>. The key id is <see cref="AgentIdHexLength"/> hex
/// characters naming the agent followed by <see cref="KeySuffixHexLength"/> random hex characters, so a key
/// leads to its agent without an index.
/// </remarks>
public static class ApiKey
{
    /// <summary>The prefix of every API key.</summary>
    public const string Prefix = "apk_";

    /// <summary>The prefix of every agent id.</summary>
    public const string AgentIdPrefix = "agt_";

    /// <summary>Hex characters of the random part of an agent id.</summary>
    public const int AgentIdHexLength = 20;

    /// <summary>Hex characters that distinguish the keys of one agent.</summary>
    public const int KeySuffixHexLength = 8;

    /// <summary>Random bytes in a secret.</summary>
    public const int SecretBytes = 32;

    private const int KeyIdLength = AgentIdHexLength + KeySuffixHexLength;
    private const int SecretLength = 43;

    /// <summary>The length of every well-formed key.</summary>
    public const int Length = 4 + KeyIdLength + 1 + SecretLength;

    /// <summary>Creates a new random agent id.</summary>
    public static string NewAgentId() => AgentIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(AgentIdHexLength / 2));

    /// <summary>True when <paramref name="agentId"/> has the form of an agent id.</summary>
    public static bool IsAgentId([NotNullWhen(true)] string? agentId) =>
        agentId is { Length: 4 + AgentIdHexLength }
        && agentId.StartsWith(AgentIdPrefix, StringComparison.Ordinal)
        && IsLowerHex(agentId.AsSpan(4));

    /// <summary>Creates a new key for <paramref name="agentId"/>.</summary>
    /// <returns>The key to hand out once, and the record to store.</returns>
    public static (string Key, ApiKeyRecord Record) Create(string agentId, DateTimeOffset now)
    {
        if (!IsAgentId(agentId))
        {
            throw new ArgumentException($"'{agentId}' is not an agent id.", nameof(agentId));
        }

        var keyId = agentId[4..] + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeySuffixHexLength / 2));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{Prefix}{keyId}.{secret}", new ApiKeyRecord(keyId, Convert.ToBase64String(Hash(secret)), now));
    }

    /// <summary>Splits a presented key into its key id and secret, checking only its form.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        if (key is not { Length: Length } || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[4 + KeyIdLength] != '.')
        {
            return false;
        }

        var id = key.AsSpan(4, KeyIdLength);
        var text = key.AsSpan(4 + KeyIdLength + 1);
        if (!IsLowerHex(id) || !IsBase64Url(text))
        {
            return false;
        }

        keyId = id.ToString();
        secret = text.ToString();
        return true;
    }

    /// <summary>The agent a key id belongs to.</summary>
    public static string AgentIdOf(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return AgentIdPrefix + keyId[..AgentIdHexLength];
    }

    /// <summary>True when <paramref name="secret"/> hashes to the stored <paramref name="record"/>'s hash; constant time.</summary>
    public static bool Matches(ApiKeyRecord record, string secret)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(record.Hash, stored, out var written) || written != stored.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret), stored);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
