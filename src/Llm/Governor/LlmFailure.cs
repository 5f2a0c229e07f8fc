using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;

namespace AgentPlatform.Llm.Governor;

/// <summary>What an exception of an LLM call means for pacing: its kind, the wait the provider asked for, and the HTTP status.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="RetryAfter">The wait announced with a 429 (<c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as a date).</param>
/// <param name="Status">The HTTP status, when there was an answer.</param>
public sealed record LlmFailure(LlmFailureKind Kind, TimeSpan? RetryAfter, int? Status)
{
    /// <summary>True when another attempt may succeed.</summary>
    public bool Retryable => Kind != LlmFailureKind.Rejected;

    /// <summary>The value of <c>error.type</c> in metrics (the HTTP status, or the kind when there was none).</summary>
    public string ErrorType => Status is { } status ? status.ToString(CultureInfo.InvariantCulture) : Kind switch
    {
        LlmFailureKind.TimedOut => "timeout",
        LlmFailureKind.Network => "network",
        LlmFailureKind.ServerError => "malformed_response",
        _ => "rejected",
    };

    /// <summary>Classifies <paramref name="exception"/> thrown by an <c>IChatClient</c> over an OpenAI-compatible endpoint, or returns
    /// null when it is not a failure of the call (the caller's own cancellation, a bug).</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="now">The current time, to turn a <c>Retry-After</c> date into a wait.</param>
    public static LlmFailure? Classify(Exception exception, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case ClientResultException { Status: > 0 } answered:
                return FromStatus(answered.Status, answered.GetRawResponse(), now);
            case ClientResultException unanswered when unanswered.InnerException is { } inner:
                return Classify(inner, now) ?? new LlmFailure(LlmFailureKind.Network, null, null);
            case ClientResultException:
                return new LlmFailure(LlmFailureKind.Network, null, null);
            case TimeoutException or TaskCanceledException { InnerException: TimeoutException }:
                return new LlmFailure(LlmFailureKind.TimedOut, null, null);
            case HttpRequestException or IOException:
                return new LlmFailure(LlmFailureKind.Network, null, null);
            case JsonException or FormatException or KeyNotFoundException or InvalidOperationException { InnerException: JsonException }:
                return new LlmFailure(LlmFailureKind.ServerError, null, null);
            default:
                return null;
        }
    }

    private static LlmFailure FromStatus(int status, PipelineResponse? response, DateTimeOffset now) => status switch
    {
        429 => new LlmFailure(LlmFailureKind.RateLimited, RetryAfterOf(response, now), status),
        408 => new LlmFailure(LlmFailureKind.TimedOut, null, status),
        >= 500 => new LlmFailure(LlmFailureKind.ServerError, null, status),
        _ => new LlmFailure(LlmFailureKind.Rejected, null, status),
    };

    private static TimeSpan? RetryAfterOf(PipelineResponse? response, DateTimeOffset now)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var retryAfter) || retryAfter is null)
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at > now ? at - now : TimeSpan.Zero
            : null;
    }
}
