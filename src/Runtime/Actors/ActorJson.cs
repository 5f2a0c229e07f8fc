using System.Text.Json;

namespace AgentPlatform.Runtime.Actors;

/// <summary>The JSON settings of every actor type: call arguments, results and state are written and read with them.</summary>
/// <remarks>A runtime that moves calls across processes serializes with <see cref="Options"/>, and <see cref="ActorPayload"/>
/// reads with them, so one set of names and rules holds for all actors. Anything persisted or sent should still set its JSON
/// names explicitly, so that renaming a property never changes stored state.</remarks>
public static class ActorJson
{
    /// <summary>Web defaults (camelCase, case-insensitive reading) with type discriminators accepted anywhere in an object.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
