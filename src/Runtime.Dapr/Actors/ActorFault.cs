using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>An exception thrown by a platform actor, as far as it can cross the wire.</summary>
/// <param name="Kind">The exception's type name (<see cref="Type.FullName"/>).</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Detail">The type-specific part: the missing method, the unknown actor type or the parameter name.</param>
public sealed record ActorFault(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("detail")] string? Detail = null);
