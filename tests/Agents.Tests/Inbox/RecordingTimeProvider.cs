using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Inbox;

/// <summary>A <see cref="ManualTimeProvider"/> that also tells a test when a timer with a given due time is created,
/// so a test can wait for a long-poll to park without spinning.</summary>
internal sealed class RecordingTimeProvider(ManualTimeProvider inner, TimeSpan watchedDueTime) : TimeProvider
{
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a timer due after exactly the watched time is created.</summary>
    public Task Created => _created.Task;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watchedDueTime)
        {
            _created.TrySetResult();
        }

        return timer;
    }
}
