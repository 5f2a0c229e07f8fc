using System.Collections.Frozen;
using System.Security.Cryptography;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The page's files, embedded in the host assembly (no CDN, no build step), with their content types and ETags.</summary>
public static class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>One embedded file.</summary>
    public sealed record Asset(string Name, byte[] Content, string ContentType, string ETag);

    /// <summary>The file called <paramref name="name"/> (for example <c>dashboard.js</c>), or null.</summary>
    public static Asset? Find(string name) => Assets.GetValueOrDefault(name);

    /// <summary>The file called <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The build did not embed it.</exception>
    public static Asset Get(string name) => Find(name) ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded.");

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            assets[name] = new Asset(name, content, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8))}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
