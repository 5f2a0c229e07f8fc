using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Ids;

/// <summary>Writes a <see cref="WorkflowInstanceId"/> as its wire form and validates it when reading.</summary>
public sealed class WorkflowInstanceIdJsonConverter : JsonConverter<WorkflowInstanceId>
{
    /// <inheritdoc/>
    public override WorkflowInstanceId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WorkflowInstanceId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"'{reader.GetString()}' is not a workflow instance id.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, WorkflowInstanceId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
