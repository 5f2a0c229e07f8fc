using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Liveness;

/// <summary>How an agent's tasks went: counts of successes and failures and the exponentially weighted mean latency.</summary>
/// <param name="Successes">Tasks that finished successfully.</param>
/// <param name="Failures">Tasks that failed.</param>
/// <param name="LatencyEwmaMs">The exponentially weighted moving average of task latency in milliseconds; null before the first
/// finished task. Each finished task moves it by <see cref="AgentLivenessOptions.LatencySmoothing"/> of the difference.</param>
public sealed record AgentTrackRecord(
    [property: JsonPropertyName("successes")] long Successes,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("latencyEwmaMs")] double? LatencyEwmaMs)
{
    /// <summary>The track record of an agent that finished no task yet.</summary>
    public static readonly AgentTrackRecord None = new(0, 0, null);

    /// <summary>The success rate used for ranking: <c>(successes + 1) / (successes + failures + 2)</c> (Laplace's rule), so an agent
    /// with no history ranks at 0.5, between agents that mostly succeed and agents that mostly fail.</summary>
    [JsonIgnore]
    public double SuccessRate => (Successes + 1.0) / (Successes + Failures + 2.0);

    /// <summary>The record after one more finished task.</summary>
    /// <param name="succeeded">Whether the task succeeded.</param>
    /// <param name="latency">How long it took; negative values count as zero.</param>
    /// <param name="smoothing">The weight of the new latency, in (0, 1].</param>
    public AgentTrackRecord After(bool succeeded, TimeSpan latency, double smoothing)
    {
        var sample = Math.Max(0, latency.TotalMilliseconds);
        var ewma = LatencyEwmaMs is { } previous ? previous + (smoothing * (sample - previous)) : sample;
        return succeeded
            ? new AgentTrackRecord(Successes + 1, Failures, ewma)
            : new AgentTrackRecord(Successes, Failures + 1, ewma);
    }
}
