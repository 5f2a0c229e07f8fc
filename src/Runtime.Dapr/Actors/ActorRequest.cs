using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The body of a platform actor call on the Dapr wire: the platform method and its JSON argument.</summary>
/// <remarks>Dapr's non-remoting dispatch only knows the methods of the shim's interface, so every platform method travels
/// through <see cref="IPlatformActor.InvokeAsync"/> with its name in the body.</remarks>
/// <param name="Method">The platform method, for example <c>post</c>.</param>
/// <param name="Payload">The argument as JSON; absent for null.</param>
public sealed record ActorRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("payload")] JsonElement? Payload);
