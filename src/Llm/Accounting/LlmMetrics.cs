using System.Diagnostics.Metrics;
using AgentPlatform.Llm.Governor;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Llm.Accounting;

/// <summary>LLM instruments on the meter <c>AgentPlatform.Llm</c>: the OpenTelemetry GenAI client metrics
/// (<c>gen_ai.client.token.usage</c>, <c>gen_ai.client.operation.duration</c>) plus cost, retries and the governor's limits.</summary>
public sealed class LlmMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = PlatformTelemetry.LlmMeter;

    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _retries;

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when one is given.</summary>
    /// <param name="meterFactory">Where the meter comes from; a meter of its own when null.</param>
    /// <param name="governor">Whose per-endpoint concurrency limits and in-flight counts are observed; none when null.</param>
    public LlmMetrics(IMeterFactory? meterFactory = null, LlmGovernor? governor = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _tokens = _meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Tokens used per LLM call, by gen_ai.token.type.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        _duration = _meter.CreateHistogram("gen_ai.client.operation.duration", "s", "Duration of LLM calls, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _cost = _meter.CreateCounter<double>("agentplatform.llm.cost", "{currency}", "Cost of LLM calls priced by Llm:Prices.");
        _retries = _meter.CreateCounter<long>("agentplatform.llm.retries", "{retry}", "LLM call attempts repeated after a failure, by error.type.");
        if (governor is not null)
        {
            _meter.CreateObservableGauge("agentplatform.llm.concurrency.limit", () => governor.Endpoints.Select(e =>
                new Measurement<int>(e.Limit, new KeyValuePair<string, object?>("server.address", e.Endpoint))), "{call}",
                "The governor's current concurrency limit per endpoint.");
            _meter.CreateObservableGauge("agentplatform.llm.concurrency.in_flight", () => governor.Endpoints.Select(e =>
                new Measurement<int>(e.InFlight, new KeyValuePair<string, object?>("server.address", e.Endpoint))), "{call}",
                "LLM calls in flight per endpoint.");
        }
    }

    internal void Recorded(LlmCallTags tags, LlmUsage usage)
    {
        var estimated = new KeyValuePair<string, object?>("agentplatform.llm.usage.estimated", usage.Estimated);
        _tokens.Record(usage.InputTokens, [.. tags.Common, new("gen_ai.token.type", "input"), estimated]);
        _tokens.Record(usage.OutputTokens, [.. tags.Common, new("gen_ai.token.type", "output"), estimated]);
        if (usage.Cost > 0)
        {
            _cost.Add((double)usage.Cost, [.. tags.Common, estimated]);
        }
    }

    internal void Finished(LlmCallTags tags, TimeSpan duration, LlmFailure? failure)
    {
        if (failure is null)
        {
            _duration.Record(duration.TotalSeconds, tags.Common);
        }
        else
        {
            _duration.Record(duration.TotalSeconds, [.. tags.Common, new("error.type", failure.ErrorType)]);
        }
    }

    internal void Retried(LlmCallTags tags, LlmFailure failure) => _retries.Add(1, [.. tags.Common, new("error.type", failure.ErrorType)]);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
