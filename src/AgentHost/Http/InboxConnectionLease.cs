namespace AgentPlatform.AgentHost.Http;

/// <summary>A place among the open inbox connections, given back on dispose; or the problem to answer when there was none.</summary>
/// <remarks>Dispose it exactly once (a <c>using</c> declaration); disposing a refused or unlimited lease does nothing.</remarks>
public sealed class InboxConnectionLease : IDisposable
{
    private Action? _release;

    internal InboxConnectionLease(Action? release, ApiProblem? problem)
    {
        _release = release;
        Problem = problem;
    }

    /// <summary>A lease that holds no place, for requests that do not wait.</summary>
    public static InboxConnectionLease Unlimited { get; } = new(null, null);

    /// <summary>The 429 or 503 problem when the cap was reached; null when the place was granted.</summary>
    public ApiProblem? Problem { get; }

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
