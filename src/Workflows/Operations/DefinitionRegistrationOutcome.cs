using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Operations;

/// <summary>What registering a definition did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefinitionRegistrationOutcome>))]
public enum DefinitionRegistrationOutcome
{
    /// <summary>The version was new and is now stored.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    /// <summary>The same content was already stored under this version; nothing changed.</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>Different content is already stored under this version; nothing changed.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,
}
