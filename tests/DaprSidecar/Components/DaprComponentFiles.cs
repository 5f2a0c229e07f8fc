using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentPlatform.DaprSidecar.Components;

/// <summary>Reads Dapr component YAML files (<c>kind: Component</c>) from a folder such as the repository's
/// <c>components/slim</c>; other kinds (Resiliency, Configuration, Subscription) are skipped.</summary>
public static class DaprComponentFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>Loads every component in the <c>*.yaml</c> and <c>*.yml</c> files of <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A component has no name or type, or a name appears twice.</exception>
    public static IReadOnlyList<DaprComponent> Load(string directory)
    {
        var components = new List<DaprComponent>();
        var files = Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var document = Yaml.Deserialize<ComponentDocument?>(File.ReadAllText(file));
            if (document is null || document.Kind != "Component")
            {
                continue;
            }

            var name = document.Metadata?.Name;
            var type = document.Spec?.Type;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
            {
                throw new InvalidDataException($"{file}: a Component needs metadata.name and spec.type");
            }

            if (components.Any(component => component.Name == name))
            {
                throw new InvalidDataException($"{file}: component '{name}' is defined twice in {directory}");
            }

            var metadata = (document.Spec?.Metadata ?? []).Where(item => item.Name is not null)
                .ToDictionary(item => item.Name!, item => item.Value ?? "", StringComparer.Ordinal);
            components.Add(new DaprComponent(name, type, metadata));
        }

        return components;
    }

    private sealed class ComponentDocument
    {
        public string? Kind { get; set; }

        public NamedMetadata? Metadata { get; set; }

        public ComponentSpec? Spec { get; set; }
    }

    private sealed class NamedMetadata
    {
        public string? Name { get; set; }
    }

    private sealed class ComponentSpec
    {
        public string? Type { get; set; }

        public List<MetadataItem>? Metadata { get; set; }
    }

    private sealed class MetadataItem
    {
        public string? Name { get; set; }

        public string? Value { get; set; }
    }
}
