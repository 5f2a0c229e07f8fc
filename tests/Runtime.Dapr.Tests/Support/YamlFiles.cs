using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentPlatform.Runtime.Dapr.Tests.Support;

/// <summary>Reads YAML files into <see cref="JsonNode"/> trees, typing plain scalars as YAML 1.2 core does.</summary>
public static class YamlFiles
{
    /// <summary>Every document of the file, in order.</summary>
    public static IReadOnlyList<JsonNode?> ReadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents.Select(d => ToJson(d.RootNode))];
    }

    /// <summary>The single document of the file, as an object.</summary>
    public static JsonObject ReadObject(string path)
    {
        var documents = ReadDocuments(path);
        Assert.True(documents.Count == 1, $"{path} holds {documents.Count} documents, expected one.");
        return Assert.IsType<JsonObject>(documents[0]);
    }

    /// <summary>The string at a dotted path, or null when any step is missing.</summary>
    public static string? StringAt(JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(step, out var child) ? child : null;
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(
            pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) && !text.Any(char.IsLetter)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }
}
