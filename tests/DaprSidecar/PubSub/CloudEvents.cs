using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>Builds the CloudEvents 1.0 envelope daprd builds around a published payload; the content type decides how
/// the payload goes in (JSON as <c>data</c>, text as a string, anything else as <c>data_base64</c>, a CloudEvent as is).</summary>
internal static class CloudEvents
{
    /// <summary>The content type of a CloudEvent in structured mode.</summary>
    public const string ContentType = "application/cloudevents+json";

    private const string MetadataPrefix = "cloudevent.";

    /// <summary>Wraps a payload published by <paramref name="sourceAppId"/>.</summary>
    /// <exception cref="FormatException">The payload is not valid JSON although its content type says so.</exception>
    public static JsonObject Wrap(
        string sourceAppId, string pubsub, string topic, ReadOnlyMemory<byte> payload, string? contentType,
        IReadOnlyDictionary<string, string> metadata, DateTimeOffset now)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        JsonObject cloudEvent;
        if (mediaType == ContentType)
        {
            cloudEvent = ParseJson(payload) as JsonObject ?? throw new FormatException("a published CloudEvent must be a JSON object");
        }
        else
        {
            cloudEvent = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["datacontenttype"] = string.IsNullOrEmpty(mediaType) ? "text/plain" : contentType,
            };
            if (!payload.IsEmpty)
            {
                if (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
                {
                    cloudEvent["data"] = ParseJson(payload);
                }
                else if (mediaType.Length == 0 || mediaType.StartsWith("text/", StringComparison.Ordinal))
                {
                    cloudEvent["data"] = Encoding.UTF8.GetString(payload.Span);
                }
                else
                {
                    cloudEvent["data_base64"] = Convert.ToBase64String(payload.Span);
                }
            }
        }

        cloudEvent["specversion"] ??= "1.0";
        cloudEvent["source"] ??= sourceAppId;
        cloudEvent["type"] ??= "com.dapr.event.sent";
        cloudEvent["time"] ??= now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
        var traceParent = cloudEvent["traceparent"]?.GetValue<string>() ?? NewTraceParent();
        cloudEvent["traceparent"] = traceParent;
        cloudEvent["traceid"] ??= traceParent;
        cloudEvent["tracestate"] ??= "";
        cloudEvent["topic"] = topic;
        cloudEvent["pubsubname"] = pubsub;
        foreach (var (key, value) in metadata)
        {
            if (key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && key.Length > MetadataPrefix.Length)
            {
                cloudEvent[key[MetadataPrefix.Length..]] = value;
            }
        }

        if (metadata.TryGetValue("ttlInSeconds", out var ttlText))
        {
            if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new FormatException($"metadata ttlInSeconds must be a non-negative integer, got '{ttlText}'");
            }

            cloudEvent["expiration"] = now.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture);
        }

        return cloudEvent;
    }

    /// <summary>Whether the event carries an <c>expiration</c> that has passed.</summary>
    public static bool HasExpired(JsonObject cloudEvent, DateTimeOffset now) =>
        cloudEvent["expiration"] is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiration)
        && expiration <= now;

    private static JsonNode? ParseJson(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return JsonNode.Parse(payload.Span);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"the payload is not valid JSON: {exception.Message}", exception);
        }
    }

    private static string NewTraceParent() =>
        $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01";
}
