using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.PubSub;

/// <summary>The app's answer to one pub/sub delivery, as Dapr reads it.</summary>
/// <param name="Status"><c>SUCCESS</c>, <c>RETRY</c> or <c>DROP</c>.</param>
public sealed record DeliveryAnswer([property: JsonPropertyName("status")] string Status);

/// <summary>Source-generated JSON for <see cref="DeliveryAnswer"/>.</summary>
[JsonSerializable(typeof(DeliveryAnswer))]
internal sealed partial class DeliveryAnswerJson : JsonSerializerContext;
