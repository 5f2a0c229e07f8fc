namespace AgentPlatform.Api;

/// <summary>A place among the open inbox connections, given back on dispose; or why there was none.</summary>
/// <remarks>Dispose it exactly once (a <c>using</c> declaration); disposing a refused or unlimited lease does nothing.</remarks>
public sealed class InboxConnectionLease : IDisposable
{
    private Action? _release;

    internal InboxConnectionLease(Action? release, InboxConnectionRefusal? refusal)
    {
        _release = release;
        Refusal = refusal;
    }

    /// <summary>A lease that holds no place, for requests that do not wait.</summary>
    public static InboxConnectionLease Unlimited { get; } = new(null, null);

    /// <summary>Why the place was refused; null when it was granted.</summary>
    public InboxConnectionRefusal? Refusal { get; }

    /// <inheritdoc/>
    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
