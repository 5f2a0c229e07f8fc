using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The platform history the orchestrator publishes as Dapr custom status; it is serialized once, when the
/// worker answers the turn, with the platform's own JSON settings whatever serializer Dapr.Workflow uses.</summary>
[JsonConverter(typeof(PublishedHistoryJsonConverter))]
internal sealed class PublishedHistory(IReadOnlyList<WorkflowEvent> events)
{
    public IReadOnlyList<WorkflowEvent> Events { get; } = events;

    public static IReadOnlyList<WorkflowEvent> Parse(string json)
    {
        // Dapr stores the custom status as the serializer's text; ours is a JSON array of events.
        var events = JsonSerializer.Deserialize<List<WorkflowEvent>>(json, WorkflowJson.Options) ?? [];
        return events;
    }

    private sealed class PublishedHistoryJsonConverter : JsonConverter<PublishedHistory>
    {
        public override PublishedHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<List<WorkflowEvent>>(ref reader, WorkflowJson.Options) ?? []);

        public override void Write(Utf8JsonWriter writer, PublishedHistory value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Events, WorkflowJson.Options);
    }
}
