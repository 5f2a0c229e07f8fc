using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Core;

/// <summary>Writes an <see cref="AgentId"/> as its <c>type/key</c> wire form.</summary>
internal sealed class AgentIdJsonConverter : JsonConverter<AgentId>
{
    public override AgentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AgentId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Expected an agent id of the form type/key.");

    public override void Write(Utf8JsonWriter writer, AgentId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
