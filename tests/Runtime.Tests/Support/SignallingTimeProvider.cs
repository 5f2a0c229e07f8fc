using System.Threading.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>A manual clock that reports every timer created on it, so a test can advance time exactly when something waits.</summary>
public sealed class SignallingTimeProvider(ManualTimeProvider inner) : TimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public SignallingTimeProvider()
        : this(new ManualTimeProvider())
    {
    }

    public ManualTimeProvider Clock { get; } = inner;

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Clock.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until the next timer is created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => await _created.Reader.ReadAsync(cancellationToken);

    public void Advance(TimeSpan delta) => Clock.Advance(delta);
}
