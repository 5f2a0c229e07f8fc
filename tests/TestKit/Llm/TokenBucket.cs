namespace AgentPlatform.TestKit.Llm;

/// <summary>A request limit: <c>rate</c> tokens per second up to <c>capacity</c>; a request takes one or learns how long until one is there.</summary>
internal sealed class TokenBucket(double rate, int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private long _refilledAt = time.GetTimestamp();

    public double Rate { get; } = rate;

    public int Capacity { get; } = capacity;

    /// <summary>Takes a token and returns zero, or returns the wait until the next token without taking one.</summary>
    public TimeSpan TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(Capacity, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * Rate));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((1 - _tokens) / Rate);
        }
    }
}
