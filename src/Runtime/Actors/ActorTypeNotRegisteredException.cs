namespace AgentPlatform.Runtime.Actors;

/// <summary>Raised when a call addresses an actor type the runtime does not host.</summary>
public sealed class ActorTypeNotRegisteredException : Exception
{
    /// <summary>Creates the exception for <paramref name="actorType"/>.</summary>
    public ActorTypeNotRegisteredException(string actorType)
        : base($"No actor type '{actorType}' is registered with this runtime.")
    {
        ActorType = actorType;
    }

    /// <summary>The unknown actor type.</summary>
    public string ActorType { get; }
}
