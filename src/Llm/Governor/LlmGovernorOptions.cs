namespace AgentPlatform.Llm.Governor;

/// <summary>How the governor paces calls to each LLM endpoint.</summary>
public sealed class LlmGovernorOptions
{
    /// <summary>The concurrency limit an endpoint starts with.</summary>
    public int InitialConcurrency { get; set; } = 8;

    /// <summary>The floor the limit never drops below.</summary>
    public int MinConcurrency { get; set; } = 1;

    /// <summary>The ceiling the limit never grows past.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>How much the limit grows over one limit's worth of successful calls (additive increase).</summary>
    public double AdditiveIncrease { get; set; } = 1;

    /// <summary>What the limit is multiplied by on a 429 or a time-out (multiplicative decrease), in (0, 1).</summary>
    public double DecreaseFactor { get; set; } = 0.5;

    /// <summary>How many times one call is tried in all before its failure is final.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first back-off after a 5xx or network error (or a 429 without <c>Retry-After</c>); doubled per attempt.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest back-off.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);
}
