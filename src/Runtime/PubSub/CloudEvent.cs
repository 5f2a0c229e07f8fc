using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.PubSub;

/// <summary>A CloudEvents 1.0 envelope, as delivered by Dapr pub/sub.</summary>
/// <remarks>In process, <see cref="Data"/> is the published object; after crossing a process it is a <see cref="JsonElement"/>.
/// Use <see cref="GetData{T}"/> to read it either way.</remarks>
public sealed record CloudEvent
{
    /// <summary>The CloudEvents spec version, always 1.0.</summary>
    [JsonPropertyName("specversion")]
    public string SpecVersion { get; init; } = "1.0";

    /// <summary>Unique event id; subscribers de-duplicate on it.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The publisher (app id).</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>The event type.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>The content type of <see cref="Data"/>.</summary>
    [JsonPropertyName("datacontenttype")]
    public string DataContentType { get; init; } = "application/json";

    /// <summary>The payload.</summary>
    [JsonPropertyName("data")]
    public object? Data { get; init; }

    /// <summary>What the event is about within its source, for example the channel of a channel post; null when not set.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>The topic the event was published to.</summary>
    [JsonPropertyName("topic")]
    public required string Topic { get; init; }

    /// <summary>The pub/sub component name.</summary>
    [JsonPropertyName("pubsubname")]
    public required string PubSubName { get; init; }

    /// <summary>When the event was published.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset Time { get; init; }

    /// <summary>W3C trace context of the publisher.</summary>
    [JsonPropertyName("traceparent")]
    public string? TraceParent { get; init; }

    /// <summary>W3C trace state of the publisher.</summary>
    [JsonPropertyName("tracestate")]
    public string? TraceState { get; init; }

    /// <summary>When set, the event is dropped (or dead-lettered) if not delivered by then.</summary>
    [JsonPropertyName("expiration")]
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>Returns <see cref="Data"/> as <typeparamref name="T"/>, deserializing it when it arrived as JSON.</summary>
    public T? GetData<T>(JsonSerializerOptions? options = null) => Data switch
    {
        null => default,
        T typed => typed,
        JsonElement json => json.Deserialize<T>(options),
        _ => throw new InvalidCastException($"Event {Id} carries {Data.GetType().Name}, not {typeof(T).Name}."),
    };
}
