using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The caller's side of <see cref="ActorRequest"/>: the argument is serialized once, as its own type.</summary>
/// <typeparam name="T">The argument type.</typeparam>
/// <param name="Method">The platform method.</param>
/// <param name="Payload">The argument.</param>
internal sealed record ActorRequest<T>(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("payload")] T Payload);
