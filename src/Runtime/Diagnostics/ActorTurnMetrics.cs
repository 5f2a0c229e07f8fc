using System.Diagnostics.Metrics;

namespace AgentPlatform.Runtime.Diagnostics;

/// <summary>Actor turns of either runtime, counted per actor type and outcome on the meter <c>AgentPlatform.Runtime</c>.</summary>
/// <remarks>A counter only: a turn is the platform's most frequent operation, so it gets no span and no timing of its own
/// (the embedded runtime's commits are timed by the storage meter).</remarks>
public static class ActorTurnMetrics
{
    private static readonly Meter Meter = new(PlatformTelemetry.RuntimeMeter);
    private static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "agentplatform.runtime.turns", "{turn}", "Actor turns that ran, tagged with actor.type and outcome (completed: its state changes were kept; failed: rolled back).");

    /// <summary>Counts a turn of <paramref name="actorType"/> that completed.</summary>
    public static void Completed(string actorType) => Record(actorType, "completed");

    /// <summary>Counts a turn of <paramref name="actorType"/> that threw and was rolled back.</summary>
    public static void Failed(string actorType) => Record(actorType, "failed");

    private static void Record(string actorType, string outcome)
    {
        if (Turns.Enabled)
        {
            Turns.Add(1, new KeyValuePair<string, object?>("actor.type", actorType), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
