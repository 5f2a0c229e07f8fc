using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Runtime.Dapr.PubSub;

/// <summary>Reads the CloudEvent Dapr delivers (<c>application/cloudevents+json</c>) into the platform's <see cref="CloudEvent"/>,
/// keeping every envelope field the platform knows.</summary>
public static class CloudEventReader
{
    /// <summary>Parses <paramref name="json"/>; <paramref name="topic"/> and <paramref name="component"/> fill fields the
    /// envelope lacks.</summary>
    /// <exception cref="FormatException">The body is not a JSON object or lacks the event id.</exception>
    public static CloudEvent Read(ReadOnlySpan<byte> json, string topic, string component)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException error)
        {
            throw new FormatException($"The delivery is not JSON: {error.Message}", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The delivery is not a JSON object.");
            }

            var contentType = Text(root, "datacontenttype") ?? "application/json";
            return new CloudEvent
            {
                SpecVersion = Text(root, "specversion") ?? "1.0",
                Id = Text(root, "id") ?? throw new FormatException("The delivery has no CloudEvent id."),
                Source = Text(root, "source") ?? string.Empty,
                Type = Text(root, "type") ?? string.Empty,
                DataContentType = contentType,
                Data = Data(root, contentType),
                Subject = Text(root, "subject"),
                Topic = Text(root, "topic") ?? topic,
                PubSubName = Text(root, "pubsubname") ?? component,
                Time = Time(root, "time") ?? DateTimeOffset.UnixEpoch,
                TraceParent = Text(root, "traceparent"),
                TraceState = Text(root, "tracestate"),
                Expiration = Time(root, "expiration"),
            };
        }
    }

    private static object? Data(JsonElement root, string contentType)
    {
        if (root.TryGetProperty("data", out var data))
        {
            return data.ValueKind == JsonValueKind.Null ? null : data.Clone();
        }

        if (Text(root, "data_base64") is not { } base64)
        {
            return null;
        }

        var bytes = Convert.FromBase64String(base64);
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var inner = JsonDocument.Parse(bytes);
            return inner.RootElement.Clone();
        }

        return contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetString(bytes) : bytes;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        Text(root, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
