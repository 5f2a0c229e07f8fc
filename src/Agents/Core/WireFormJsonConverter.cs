using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Core;

/// <summary>Writes an id as its wire form (<see cref="object.ToString"/>) and reads it back with <see cref="IParsable{TSelf}"/>.</summary>
internal sealed class WireFormJsonConverter<T> : JsonConverter<T>
    where T : IParsable<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.TryParse(reader.GetString(), null, out var id) ? id : throw new JsonException($"Expected a {typeof(T).Name} in its wire form.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value?.ToString());
    }
}
