namespace AgentPlatform.Runtime.Actors;

/// <summary>Raised when an actor has no method, timer or reminder handler of the requested name.</summary>
public sealed class ActorMethodNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/> on <paramref name="actor"/>.</summary>
    public ActorMethodNotFoundException(ActorId actor, string method)
        : base($"Actor {actor} has no method '{method}'.")
    {
        Actor = actor;
        Method = method;
    }

    /// <summary>The called actor.</summary>
    public ActorId Actor { get; }

    /// <summary>The missing method.</summary>
    public string Method { get; }
}
