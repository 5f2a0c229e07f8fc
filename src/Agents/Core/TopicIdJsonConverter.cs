using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Core;

/// <summary>Writes a <see cref="TopicId"/> as its <c>type/source</c> wire form.</summary>
internal sealed class TopicIdJsonConverter : JsonConverter<TopicId>
{
    public override TopicId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TopicId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Expected a topic id of the form type/source.");

    public override void Write(Utf8JsonWriter writer, TopicId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
