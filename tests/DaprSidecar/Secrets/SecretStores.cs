using System.Text.Json;
using AgentPlatform.DaprSidecar.Components;

namespace AgentPlatform.DaprSidecar.Secrets;

/// <summary>The cluster's secret stores: secrets given in the options, and for components loaded from YAML, the JSON
/// file a <c>secretstores.local.file</c> component names (<c>secretsFile</c>), nested keys joined with
/// <c>nestedSeparator</c> (default <c>:</c>), each secret a one-entry map, as that component answers.</summary>
internal sealed class SecretStores(
    ComponentSet components, IDictionary<string, IDictionary<string, IDictionary<string, string>>> configured, string? workingDirectory)
{
    /// <summary>Whether a secret store of that name exists.</summary>
    public bool Exists(string store) => components.SecretStore(store) is not null;

    /// <summary>All secrets of a store.</summary>
    /// <exception cref="InvalidDataException">The store's secrets file is missing or not a JSON object.</exception>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All(string store)
    {
        var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (components.SecretStore(store) is { } component && component.Metadata.TryGetValue("secretsFile", out var file) && !string.IsNullOrEmpty(file))
        {
            var separator = component.Metadata.TryGetValue("nestedSeparator", out var configuredSeparator) && configuredSeparator.Length > 0 ? configuredSeparator : ":";
            foreach (var (name, value) in ReadFile(Path.Combine(workingDirectory ?? Environment.CurrentDirectory, file), separator))
            {
                secrets[name] = new Dictionary<string, string> { [name] = value };
            }
        }

        if (configured.TryGetValue(store, out var given))
        {
            foreach (var (name, values) in given)
            {
                secrets[name] = new Dictionary<string, string>(values, StringComparer.Ordinal);
            }
        }

        return secrets;
    }

    private static Dictionary<string, string> ReadFile(string path, string separator)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"secrets file {path} cannot be read: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"secrets file {path} must hold a JSON object");
            }

            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", separator, flat);
            return flat;
        }
    }

    private static void Flatten(JsonElement element, string prefix, string separator, Dictionary<string, string> flat)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : prefix + separator + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, name, separator, flat);
            }
            else
            {
                flat[name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
    }
}
