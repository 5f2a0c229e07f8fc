using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Http;

/// <summary>The JSON settings of the API: snake_case names, strict reading.</summary>
public static class ApiJson
{
    /// <summary>Strict options for request bodies: unknown fields, wrong types, missing required values, comments,
    /// trailing commas and duplicate properties are all errors.</summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    /// <summary>Applies the API's response settings to <paramref name="options"/> (snake_case, enums as snake_case strings).</summary>
    public static void ConfigureResponses(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowDuplicateProperties = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 32,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
