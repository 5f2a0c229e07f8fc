using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The answer of a platform actor call on the Dapr wire: the JSON result, or the fault the actor threw.</summary>
/// <remarks>A fault travels in a 200 answer rather than as an HTTP error, so daprd neither retries the call nor rewrites the
/// error, and the caller can raise the platform exception with its type and message.</remarks>
/// <param name="Result">The result as JSON; absent for null or on a fault.</param>
/// <param name="Fault">What the actor threw, or null on success.</param>
public sealed record ActorResponse(
    [property: JsonPropertyName("result")] JsonElement? Result,
    [property: JsonPropertyName("fault")] ActorFault? Fault);
