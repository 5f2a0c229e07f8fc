using System.Globalization;
using System.Security.Cryptography;

namespace AgentPlatform.Agents.Core;

/// <summary>Generates message ids: a random per-process prefix and a counter, unique without the cost of a GUID per message.</summary>
internal static class MessageIds
{
    private static readonly string Prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static long _counter;

    public static string Next() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Interlocked.Increment(ref _counter):x}");
}
