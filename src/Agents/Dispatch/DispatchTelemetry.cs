using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The dispatch span: one per task attempt, from the moment the attempt was accepted for matching to its assignment
/// (or to its end when it was never assigned), parented on the task's <c>traceparent</c>.</summary>
/// <remarks>Matching may take several turns of the task's actor (no candidate yet, retried with back-off); the span is built
/// once, when the attempt leaves matching, with the attempt's <see cref="AgentTaskRecord.DispatchedAt"/> as its start, so
/// there is one span per attempt and none per turn. Each capability match is also timed on the meter
/// <c>AgentPlatform.Dispatch</c>, tagged with whether it found a candidate.</remarks>
internal static class DispatchTelemetry
{
    private static readonly ActivitySource Source = new(PlatformTelemetry.DispatchActivitySource);
    private static readonly Meter Meter = new(PlatformTelemetry.DispatchMeter);
    private static readonly Histogram<double> MatchDuration = Meter.CreateHistogram<double>(
        "agentplatform.dispatch.match.duration", "s", "Time to rank the candidates of one capability match, tagged with outcome (matched, no_candidate).");

    /// <summary>Records a capability match that started at <paramref name="startedTimestamp"/> (a <see cref="Stopwatch"/>
    /// timestamp) and found a candidate or not.</summary>
    public static void Matched(long startedTimestamp, bool found)
    {
        if (MatchDuration.Enabled)
        {
            MatchDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("outcome", found ? "matched" : "no_candidate"));
        }
    }

    /// <summary>Records the span of an attempt handed to <paramref name="agentId"/>, chosen among <paramref name="candidates"/>.</summary>
    public static void Assigned(AgentTaskRecord record, string agentId, int candidates, DateTimeOffset at) =>
        Record(record, agentId, candidates, at, null);

    /// <summary>Records the span of an attempt that ended while still being matched (unassignable, cancelled, timed out).</summary>
    public static void EndedUnassigned(AgentTaskRecord record, AgentTaskEnd end, string? error, DateTimeOffset at)
    {
        if (record.State == AgentTaskState.Waiting)
        {
            Record(record, null, null, at, error ?? end.ToString());
        }
    }

    private static void Record(AgentTaskRecord record, string? agentId, int? candidates, DateTimeOffset at, string? error)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var task = record.Task;
        var parent = TraceParents.ToContext(task.TraceParent);
        var ambient = Activity.Current;
        using var span = Source.StartActivity($"dispatch {task.StepId}", ActivityKind.Internal, parent, startTime: record.DispatchedAt);
        if (span is not null)
        {
            span.SetTag("task.id", task.TaskId);
            span.SetTag("task.step", task.StepId);
            span.SetTag("task.attempt", task.Attempt);
            span.SetTag("task.match_tries", record.MatchTries);
            if (agentId is not null)
            {
                span.SetTag("agent.id", agentId);
            }

            if (candidates is { } count)
            {
                span.SetTag("dispatch.candidates", count);
            }

            if (error is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, error);
            }

            span.SetEndTime(at.UtcDateTime);
        }

        Activity.Current = ambient;
    }
}
