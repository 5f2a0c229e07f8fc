namespace AgentPlatform.Runtime.Actors;

/// <summary>A timer delivery: the name and the state given when it was registered.</summary>
/// <param name="Name">The timer name.</param>
/// <param name="State">The registered state; timers live in memory, so any object is allowed.</param>
public sealed record ActorTimer(string Name, object? State);
