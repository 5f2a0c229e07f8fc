using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.History;

/// <summary>Reads a <see cref="StoredWorkflowDefinition"/> of any schema version and writes the current one.</summary>
public sealed class StoredWorkflowDefinitionJsonConverter : JsonConverter<StoredWorkflowDefinition>
{
    /// <inheritdoc/>
    public override StoredWorkflowDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A stored definition is a JSON object.");
        var version = stored[WorkflowUpcaster.DefinitionVersionProperty] is JsonValue value
            ? value.TryGetValue<int>(out var number) ? number : throw new JsonException("The schema_version of a stored definition must be an integer.")
            : WorkflowSchema.LegacyVersion;
        var upcast = WorkflowUpcaster.Default.UpcastDefinition(stored, version);
        var definition = upcast[WorkflowUpcaster.DefinitionProperty].Deserialize<WorkflowDefinition>(options)
            ?? throw new JsonException("A stored definition has no definition.");
        return new StoredWorkflowDefinition(definition);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, StoredWorkflowDefinition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber(WorkflowUpcaster.DefinitionVersionProperty, WorkflowSchema.CurrentVersion);
        writer.WritePropertyName(WorkflowUpcaster.DefinitionProperty);
        JsonSerializer.Serialize(writer, value.Definition, options);
        writer.WriteEndObject();
    }
}
