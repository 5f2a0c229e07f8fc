using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>A token bucket per API key, driven by <see cref="TimeProvider"/> so tests can move time.</summary>
public sealed class KeyRateLimiter
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly double _permitsPerSecond;
    private readonly double _burst;

    /// <summary>Creates the limiter with the configured bucket.</summary>
    public KeyRateLimiter(IOptions<ApiOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _permitsPerSecond = options.Value.RateLimit.PermitsPerSecond;
        _burst = options.Value.RateLimit.Burst;
    }

    /// <summary>Takes one token for <paramref name="keyId"/>; when none is left, says how long until one is.</summary>
    /// <returns>Null when the request may proceed, otherwise the time to wait.</returns>
    public TimeSpan? TryAcquire(string keyId)
    {
        var now = _time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(keyId, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            var elapsed = _time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _permitsPerSecond));
                bucket.Stamp = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            return TimeSpan.FromSeconds((1 - bucket.Tokens) / _permitsPerSecond);
        }
    }

    /// <summary>Forgets the bucket of a key that no longer exists.</summary>
    public void Forget(string keyId) => _buckets.TryRemove(keyId, out _);

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; set; } = stamp;
    }
}
