using System.Text.Json.Nodes;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Reads YAML into the JSON tree that definitions are loaded from, for other declarations that accept YAML (teams) and
/// must obey the same rules: YAML 1.2 core scalars, no tags, no duplicate keys, one document, bounded aliases and size.</summary>
public static class YamlDocuments
{
    /// <summary>The JSON tree of <paramref name="yaml"/> within <paramref name="limits"/>.</summary>
    /// <exception cref="WorkflowDefinitionException">The text is not YAML this platform reads, or exceeds a limit.</exception>
    public static JsonNode? ToJson(string yaml, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(limits);
        return YamlJsonConverter.ToJson(yaml, limits);
    }
}
