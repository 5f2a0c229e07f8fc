using System.Runtime.CompilerServices;
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
        writer.WriteRawValue(Utf8Json(value.Definition, options), skipInputValidation: true);
        writer.WriteEndObject();
    }

    // Every instance stores the definition it runs, and the instances of one definition version share one (immutable)
    // object, so its JSON is made once per options rather than at every start.
    private static byte[] Utf8Json(WorkflowDefinition definition, JsonSerializerOptions options)
    {
        if (Serialized.TryGetValue(definition, out var cached) && ReferenceEquals(cached.Options, options))
        {
            return cached.Json;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(definition, options);
        Serialized.AddOrUpdate(definition, new SerializedDefinition(options, json));
        return json;
    }

    private static readonly ConditionalWeakTable<WorkflowDefinition, SerializedDefinition> Serialized = new();

    private sealed record SerializedDefinition(JsonSerializerOptions Options, byte[] Json);
}
