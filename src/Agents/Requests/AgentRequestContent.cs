using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Requests;

/// <summary>The content of a request message (kind <see cref="MessageKind.Request"/>) in the recipient's inbox: the wire format that
/// <see cref="AgentRequestService"/> writes and every in-process recipient reads.</summary>
/// <param name="Type">Always <see cref="RequestType"/>.</param>
/// <param name="RequestId">The request to reply to.</param>
/// <param name="Content">What the sender asks.</param>
/// <param name="ExpiresAt">When the sender stops waiting; a reply after it is refused.</param>
/// <param name="ForTask">The workflow task the sender asks for, when it asks while working on one (absent otherwise).</param>
public sealed record AgentRequestContent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("request_id")] string RequestId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("for_task"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RequestForTask? ForTask = null)
{
    /// <summary>The value of <see cref="Type"/>.</summary>
    public const string RequestType = "request";

    /// <summary>Reads <paramref name="json"/> as a request's content; null when it is not JSON or lacks the request id, the content
    /// or the expiry.</summary>
    public static AgentRequestContent? TryRead(string json)
    {
        AgentRequestContent? read;
        try
        {
            read = JsonSerializer.Deserialize<AgentRequestContent>(json);
        }
        catch (JsonException)
        {
            return null;
        }

        // The deserializer leaves absent properties null or default whatever their declared type says.
        return read is { RequestId: { Length: > 0 }, Content: not null } && read.ExpiresAt != default ? read : null;
    }
}
