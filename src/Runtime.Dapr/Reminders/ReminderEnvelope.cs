using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Runtime.Dapr.Reminders;

/// <summary>What the platform stores as a Dapr reminder's data: the registration's own due time and period beside its data.</summary>
/// <remarks>Reminders delivered through Dapr's Scheduler arrive with empty due time and period, and a read-back may format them
/// differently from how they were written, so the exact registration travels in the data, which Dapr returns untouched.</remarks>
/// <param name="DueTime">The registered due time.</param>
/// <param name="Period">The registered period, or null for a one-shot reminder.</param>
/// <param name="Data">The registered data.</param>
internal sealed record ReminderEnvelope(
    [property: JsonPropertyName("dueTime")] TimeSpan DueTime,
    [property: JsonPropertyName("period")] TimeSpan? Period,
    [property: JsonPropertyName("data")] JsonElement? Data)
{
    /// <summary>Reads the envelope from the reminder data bytes.</summary>
    /// <exception cref="FormatException">The bytes are not an envelope.</exception>
    public static ReminderEnvelope Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<ReminderEnvelope>(bytes) ?? throw new FormatException("The reminder data is null.");
        }
        catch (JsonException error)
        {
            throw new FormatException($"The reminder data is not a platform reminder: {error.Message}", error);
        }
    }

    /// <summary>The envelope as UTF-8 JSON.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);
}
