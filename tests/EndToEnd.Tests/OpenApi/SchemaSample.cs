using System.Text.Json.Nodes;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>Builds a plausible JSON value from an OpenAPI schema (following <c>$ref</c>, taking the first of
/// <c>anyOf</c>/<c>oneOf</c> with its discriminator), the seed the hostile variants mutate.</summary>
public static class SchemaSample
{
    private const int MaxDepth = 6;

    /// <summary>Follows <c>$ref</c> chains of <paramref name="schema"/> within <paramref name="document"/>.</summary>
    public static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        for (var hops = 0; schema["$ref"] is { } reference && hops < 16; hops++)
        {
            var name = ((string)reference!)["#/components/schemas/".Length..];
            schema = document["components"]!["schemas"]![name]!;
        }

        return schema;
    }

    /// <summary>The JSON types a schema allows (<c>type</c> as a string or an array), without <c>null</c>; empty when
    /// the schema admits any value.</summary>
    public static IReadOnlyList<string> Types(JsonNode schema) => schema?["type"] switch
    {
        JsonValue single => [(string)single!],
        JsonArray many => [.. many.Select(t => (string)t!).Where(t => t != "null")],
        _ => schema?["properties"] is not null ? ["object"] : [],
    };

    /// <summary>A sample value of <paramref name="schema"/>.</summary>
    public static JsonNode? Of(JsonNode document, JsonNode schema, int depth = 0)
    {
        schema = Resolve(document, schema);
        if (depth > MaxDepth)
        {
            return null;
        }

        if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray choices && choices.Count > 0)
        {
            var chosen = Of(document, choices[0]!, depth + 1);
            if (chosen is JsonObject obj && schema["discriminator"] is { } discriminator)
            {
                var first = discriminator["mapping"]?.AsObject().FirstOrDefault().Key;
                obj[(string)discriminator["propertyName"]!] = first;
            }

            return chosen;
        }

        var types = Types(schema);
        return (types.Count > 0 ? types[0] : null) switch
        {
            "string" => schema["enum"] is JsonArray values && values.Count > 0 ? values[0]!.DeepClone() : "sample",
            "integer" => 1,
            "number" => 0.5,
            "boolean" => true,
            "array" => new JsonArray(schema["items"] is { } items ? Of(document, items, depth + 1) : "sample"),
            "object" => ObjectOf(document, schema, depth),
            _ => "sample",
        };
    }

    private static JsonObject ObjectOf(JsonNode document, JsonNode schema, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            result[name] = Of(document, property!, depth + 1);
        }

        if (schema["additionalProperties"] is JsonObject additional && result.Count == 0)
        {
            result["key"] = Of(document, additional, depth + 1);
        }

        return result;
    }
}
