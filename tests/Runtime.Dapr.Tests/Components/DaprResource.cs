using System.Text.Json.Nodes;
using AgentPlatform.Runtime.Dapr.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests.Components;

/// <summary>One Dapr resource read from a file under <c>components/</c>.</summary>
public sealed record DaprResource(string File, JsonObject Node)
{
    /// <summary>The folder below <c>components/</c> the file is in (<c>slim</c>, <c>production/kafka</c>, or empty).</summary>
    public string Set => Path.GetDirectoryName(RepoPaths.Relative(File))!.Replace('\\', '/') is var dir && dir == "components"
        ? string.Empty
        : dir["components/".Length..];

    /// <summary><c>kind</c>.</summary>
    public string? Kind => YamlFiles.StringAt(Node, "kind");

    /// <summary><c>metadata.name</c>.</summary>
    public string? Name => YamlFiles.StringAt(Node, "metadata.name");

    /// <summary><c>spec.type</c>.</summary>
    public string? Type => YamlFiles.StringAt(Node, "spec.type");

    /// <summary>The app ids in <c>scopes</c>, or none when the resource is not scoped.</summary>
    public IReadOnlyList<string> Scopes => Node["scopes"] is JsonArray scopes ? [.. scopes.Select(s => s!.GetValue<string>())] : [];

    /// <summary>The plain value of one <c>spec.metadata</c> item, or null.</summary>
    public string? Metadata(string name) =>
        (Node["spec"]?["metadata"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(item => item["name"]?.GetValue<string>() == name)?["value"]?.ToString();

    /// <summary>Every resource in every YAML file below <c>components/</c>.</summary>
    public static IReadOnlyList<DaprResource> All { get; } =
        [.. RepoPaths.ComponentFiles.SelectMany(file => YamlFiles.ReadDocuments(file).Select(doc => new DaprResource(file, (JsonObject)doc!)))];

    /// <summary>The components of one set.</summary>
    public static IReadOnlyList<DaprResource> ComponentsIn(string set) =>
        [.. All.Where(r => r.Kind == "Component" && r.Set == set)];

    /// <inheritdoc/>
    public override string ToString() => RepoPaths.Relative(File);
}
