using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Llm.Governor;

/// <summary>The process-wide pace keeper of LLM calls: one <see cref="EndpointGovernor"/> per endpoint, and the retry loop every
/// call runs in, so the governor alone decides when a call is repeated (the provider client's own retries are off).</summary>
/// <remarks>A 429 pauses every caller of its endpoint for exactly the announced <c>Retry-After</c> (a back-off when none is
/// announced) and shrinks the endpoint's limit; a time-out shrinks the limit and backs the caller off; a 5xx, a malformed reply or a
/// network error backs the caller off (jittered exponential). Other failures end the call at once.</remarks>
public sealed class LlmGovernor
{
    private readonly ConcurrentDictionary<string, EndpointGovernor> _endpoints = new(StringComparer.Ordinal);
    private readonly LlmGovernorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the governor.</summary>
    public LlmGovernor(LlmGovernorOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The endpoints called so far.</summary>
    public IEnumerable<EndpointGovernor> Endpoints => _endpoints.Values;

    /// <summary>The pace keeper of <paramref name="endpoint"/> (its base URL), shared by every caller of this process.</summary>
    public EndpointGovernor For(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _endpoints.GetOrAdd(EndpointName.Of(endpoint), key => new EndpointGovernor(key, _options, _time));
    }

    /// <summary>Runs <paramref name="call"/> against <paramref name="endpoint"/> under its pace, repeating it after retryable
    /// failures up to <see cref="LlmGovernorOptions.MaxAttempts"/> attempts in all.</summary>
    /// <param name="endpoint">The endpoint's base URL.</param>
    /// <param name="call">One attempt.</param>
    /// <param name="onRetry">Told of each failure that is followed by another attempt.</param>
    /// <param name="cancellationToken">Cancels waiting and the call.</param>
    /// <exception cref="LlmCallException">The call failed for good (a failure that retrying cannot help, or the last attempt).</exception>
    public async Task<T> ExecuteAsync<T>(
        Uri endpoint, Func<CancellationToken, Task<T>> call, Action<LlmFailure>? onRetry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var governor = For(endpoint);
        for (var attempt = 1; ; attempt++)
        {
            var startedAt = await governor.AcquireAsync(cancellationToken);
            LlmFailure? failure;
            Exception error;
            try
            {
                var result = await call(cancellationToken);
                governor.Release(startedAt, null);
                return result;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested
                && LlmFailure.Classify(exception, _time.GetUtcNow()) is { } classified)
            {
                failure = classified;
                error = exception;
                governor.Release(startedAt, failure);
            }
            catch
            {
                governor.Release(startedAt, null, cancelled: true);
                throw;
            }

            if (!failure.Retryable || attempt >= _options.MaxAttempts)
            {
                throw new LlmCallException(failure, attempt, error);
            }

            onRetry?.Invoke(failure);
            var backoff = Backoff(attempt);
            Log.LlmCallRetried(_logger, governor.Endpoint, attempt, failure.ErrorType, failure.RetryAfter ?? backoff);
            if (failure.Kind == LlmFailureKind.RateLimited)
            {
                // The endpoint is paused for everyone; with no announced wait, the pause is a back-off.
                if (failure.RetryAfter is null)
                {
                    governor.Pause(backoff);
                }
            }
            else
            {
                await Task.Delay(backoff, _time, cancellationToken);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.BackoffMax.TotalMilliseconds, _options.BackoffBase.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }
}
