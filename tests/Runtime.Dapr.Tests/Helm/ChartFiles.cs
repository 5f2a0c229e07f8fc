using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.Runtime.Dapr.Tests.Support;
using Json.Schema;

namespace AgentPlatform.Runtime.Dapr.Tests.Helm;

/// <summary>The files of <c>helm/agent-platform</c>, and the schema check the way <c>helm install</c> applies it.</summary>
public static class ChartFiles
{
    /// <summary><c>values.yaml</c>.</summary>
    public static JsonObject Values { get; } = YamlFiles.ReadObject(Path.Combine(RepoPaths.Chart, "values.yaml"));

    /// <summary>The templates by file name, as text (they are Go templates, not YAML).</summary>
    public static IReadOnlyDictionary<string, string> Templates { get; } =
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Chart, "templates"))
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);

    private static readonly JsonSchema Schema = JsonSchema.FromFile(Path.Combine(RepoPaths.Chart, "values.schema.json"));

    /// <summary>Evaluates values against <c>values.schema.json</c> and returns every failed location with its errors, empty when they are valid.</summary>
    public static IReadOnlyList<string> SchemaErrors(JsonNode values)
    {
        var result = Schema.Evaluate(JsonSerializer.SerializeToElement(values), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => !d.IsValid).Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", (IEnumerable<string>?)d.Errors?.Values ?? [])}")];
    }
}
