using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Core;

/// <summary>A message on its way to an agent: the actor call payload of a direct message and the pub/sub data of a published one.</summary>
/// <remarks>In process the message object travels as is; across processes the envelope is JSON and the message arrives as a
/// <see cref="JsonElement"/> that the recipient turns back into the type named by <see cref="MessageType"/>.</remarks>
internal sealed record AgentEnvelope
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("messageType")]
    public required string MessageType { get; init; }

    [JsonPropertyName("message")]
    public required object Message { get; init; }

    [JsonPropertyName("sender")]
    public AgentId? Sender { get; init; }

    [JsonPropertyName("topic")]
    public TopicId? Topic { get; init; }

    /// <summary>Asks the recipient of a direct message to answer with an envelope naming the response's message type, which a
    /// caller whose actor runtime moves results as JSON needs to read the response as that type; omitted when false.</summary>
    [JsonPropertyName("typedReply")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool TypedReply { get; init; }

    /// <summary>The in-flight count of the runtime that published this envelope, followed to delivery when pub/sub hands the
    /// envelope over in process; never serialized, so a copy that crossed a broker has none.</summary>
    [JsonIgnore]
    public AgentWork? PublishedBy { get; init; }

    /// <summary>The name a message type travels under: its full CLR name, also used as the CloudEvent type.</summary>
    public static string TypeName(Type type) => type.FullName ?? type.Name;

    /// <summary>Reads an envelope from an actor call payload or pub/sub data, whether it crossed a process or not.</summary>
    public static AgentEnvelope? From(object? payload) => payload switch
    {
        AgentEnvelope envelope => envelope,
        JsonElement json => json.Deserialize<AgentEnvelope>(),
        _ => null,
    };
}
