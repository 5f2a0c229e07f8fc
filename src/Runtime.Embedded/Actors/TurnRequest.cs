namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>One queued turn of an actor; a struct so that queueing allocates nothing.</summary>
internal readonly struct TurnRequest(
    TurnKind kind, string? method, object? payload, TurnCompletion? completion, CancellationToken cancellationToken)
{
    public TurnKind Kind { get; } = kind;

    /// <summary>True for an invocation or a one-way post, the turns counted as calls in flight.</summary>
    public bool IsCall => Kind is TurnKind.Invoke or TurnKind.Post;

    public string? Method { get; } = method;

    /// <summary>The call argument, the <see cref="ActorTimerHandle"/> or the <see cref="AgentPlatform.Runtime.Actors.ActorReminder"/>.</summary>
    public object? Payload { get; } = payload;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Who waits for the result; null for one-way calls and timer ticks.</summary>
    public TurnCompletion? Completion { get; } = completion;

    /// <summary>The generation of <see cref="Completion"/> when the request was queued.</summary>
    public long Generation { get; } = completion?.Generation ?? 0;
}
