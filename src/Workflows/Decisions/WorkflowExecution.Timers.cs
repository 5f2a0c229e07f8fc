using System.Globalization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Timers: creation, retirement, cancellation, backoff.</summary>
public sealed partial class WorkflowExecution
{
    /// <summary>The delay before attempt <paramref name="attempt"/> (2 or more):
    /// <c>min(initial * multiplier^(attempt-2), max)</c>.</summary>
    internal static TimeSpan Backoff(PlanStep plan, int attempt)
    {
        var ticks = plan.InitialBackoff.Ticks * Math.Pow(plan.Multiplier, attempt - 2);
        var cap = plan.MaxBackoff?.Ticks ?? TimeSpan.MaxValue.Ticks / 2;
        return TimeSpan.FromTicks((long)Math.Min(ticks, cap));
    }

    /// <summary>Whether <paramref name="timerId"/> is recorded as created and has neither fired nor been cancelled.</summary>
    internal bool IsTimerLive(string timerId) => _timers.TryGetValue(timerId, out var timer) && _liveTimers.Contains(timer);

    /// <summary>The ids of the timers recorded as created that have neither fired nor been cancelled.</summary>
    internal IEnumerable<string> LiveTimerIds => _liveTimers.Select(timer => timer.Id);

    private void CreateTimer(int step, string timerId, TimerPurpose purpose, DateTimeOffset fireAt)
    {
        var timer = new TimerRuntime(timerId, step, purpose, fireAt);
        var entry = new OutboxEntry { Kind = OutboxKind.CreateTimer, Step = step, Key = timerId, Timer = timer, Cutoff = _index };
        timer.CreateEntry = entry;
        _timers[timerId] = timer;
        _steps[step].Timer = timer;
        Enqueue(entry);
    }

    private void RetireTimer(StepRuntime runtime)
    {
        if (runtime.Timer is not { } timer)
        {
            return;
        }

        runtime.Timer = null;
        timer.Obsolete = true;
        if (!timer.Created)
        {
            Drop(timer.CreateEntry!);
        }
        else if (!timer.Done)
        {
            RequestCancel(timer);
        }
    }

    private void RequestCancel(TimerRuntime timer)
    {
        if (timer.CancelEntry is not null || timer.Done)
        {
            return;
        }

        timer.CancelEntry = new OutboxEntry { Kind = OutboxKind.CancelTimer, Step = timer.Step, Key = timer.Id, Timer = timer, Cutoff = _index };
        Enqueue(timer.CancelEntry);
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000 ? $"{duration.TotalMilliseconds:0}ms"
        : duration.TotalSeconds < 60 ? $"{duration.TotalSeconds:0.###}s"
        : duration.ToString("c", CultureInfo.InvariantCulture);
}
