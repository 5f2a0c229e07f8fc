namespace AgentPlatform.Runtime.Actors;

/// <summary>One method call delivered to an actor.</summary>
/// <param name="Method">The method name, for example <c>send</c>.</param>
/// <param name="Payload">The argument. In process it is passed as is; across processes it arrives as JSON. Read it with
/// <see cref="ActorPayload.Read{T}(ActorCall)"/>.</param>
public readonly record struct ActorCall(string Method, object? Payload);
