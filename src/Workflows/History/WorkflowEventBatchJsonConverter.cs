using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>Reads and writes a <see cref="WorkflowEventBatch"/> as a JSON array of events, upcasting older events.</summary>
public sealed class WorkflowEventBatchJsonConverter : JsonConverter<WorkflowEventBatch>
{
    /// <inheritdoc/>
    public override WorkflowEventBatch Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A history is a JSON array of events.");
        }

        var events = new List<WorkflowEvent>();
        var upcaster = WorkflowUpcaster.Default;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var version = PeekVersion(reader);
            upcaster.ThrowIfUnreadable(version);
            var e = version == upcaster.CurrentVersion
                ? JsonSerializer.Deserialize<WorkflowEvent>(ref reader, options)
                : upcaster.UpcastEvent(JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("A history event is null."), version)
                    .Deserialize<WorkflowEvent>(options);
            events.Add(e ?? throw new JsonException("A history event is null."));
        }

        return new WorkflowEventBatch(events);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, WorkflowEventBatch value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        // As a list, in one serializer call: a call per event paid for a serializer stack of its own each.
        JsonSerializer.Serialize<IReadOnlyList<WorkflowEvent>>(writer, value, options);
    }

    /// <summary>Reads the event's <c>v</c> from a copy of the reader (the whole value is buffered for a converter);
    /// an event without it is of the legacy version.</summary>
    private static int PeekVersion(Utf8JsonReader probe)
    {
        if (probe.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A history event is a JSON object.");
        }

        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = probe.ValueTextEquals(WorkflowUpcaster.EventVersionProperty);
            probe.Read();
            if (isVersion)
            {
                return probe.TokenType == JsonTokenType.Number && probe.TryGetInt32(out var version)
                    ? version
                    : throw new JsonException("The schema version 'v' of a history event must be an integer.");
            }

            probe.Skip();
        }

        return WorkflowSchema.LegacyVersion;
    }
}
