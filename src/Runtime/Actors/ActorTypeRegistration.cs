namespace AgentPlatform.Runtime.Actors;

/// <summary>Tells a runtime how to create actors of one type.</summary>
/// <param name="Type">The actor type name.</param>
/// <param name="Factory">Creates the actor object for an activation.</param>
public sealed record ActorTypeRegistration(string Type, Func<ActorHost, Actor> Factory)
{
    /// <summary>How long an actor may be idle before it is deactivated; null uses the runtime default.</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
