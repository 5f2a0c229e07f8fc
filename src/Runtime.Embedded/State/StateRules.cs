using System.Globalization;
using AgentPlatform.Runtime.State;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>The ETag and concurrency rules shared by the embedded state stores.</summary>
internal static class StateRules
{
    public static string Format(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws when a write with <paramref name="options"/> may not replace a key whose live ETag is <paramref name="current"/>.</summary>
    public static void CheckWrite(string key, long? current, StateWriteOptions? options)
    {
        if (options?.ETag is { } expected)
        {
            if (current is null || Format(current.Value) != expected)
            {
                throw new ETagMismatchException(key);
            }
        }
        else if (options?.Concurrency == StateConcurrency.FirstWrite && current is not null)
        {
            throw new ETagMismatchException(key);
        }
    }

    /// <summary>Throws when a delete expecting <paramref name="expected"/> finds <paramref name="current"/>.</summary>
    public static void CheckDelete(string key, long? current, string? expected)
    {
        if (expected is not null && (current is null || Format(current.Value) != expected))
        {
            throw new ETagMismatchException(key);
        }
    }

    /// <summary>The expiry of a write made at <paramref name="now"/>, in Unix milliseconds, or null.</summary>
    public static long? ExpiresAt(StateWriteOptions? options, DateTimeOffset now)
    {
        if (options?.TimeToLive is not { } ttl)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(options));
        return (now + ttl).ToUnixTimeMilliseconds();
    }

    public static void Validate(IReadOnlyList<StateOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            ArgumentNullException.ThrowIfNull(operation, nameof(operations));
            ArgumentException.ThrowIfNullOrEmpty(operation.Key, nameof(operations));
            if (operation is StateOperation.Upsert upsert)
            {
                ExpiresAt(upsert.Options, DateTimeOffset.UnixEpoch);
            }
        }
    }
}
