using System.Text.Json;

namespace AgentPlatform.DaprSidecar.Json;

/// <summary>Reads JSON the way daprd's Go decoder does: field names match case-insensitively, so the .NET SDK's
/// camelCase <c>pubsubName</c> reads as daprd's <c>pubsubname</c>.</summary>
internal static class GoJson
{
    /// <summary>Finds a property by name, ignoring case.</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The strings of an array property; empty when absent.</summary>
    public static IEnumerable<string> Strings(JsonElement element, string name) =>
        TryGet(element, name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)
            : [];
}
