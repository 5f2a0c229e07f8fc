using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Dapr.Tests.Support;

/// <summary>The deployment files under test.</summary>
public static class RepoPaths
{
    /// <summary><c>components/</c>.</summary>
    public static string Components => Path.Combine(RepositoryPaths.Root, "components");

    /// <summary><c>dapr.yaml</c>.</summary>
    public static string RunFile => Path.Combine(RepositoryPaths.Root, "dapr.yaml");

    /// <summary><c>helm/agent-platform</c>.</summary>
    public static string Chart => Path.Combine(RepositoryPaths.Root, "helm", "agent-platform");

    /// <summary>Every YAML file below <c>components/</c>.</summary>
    public static IReadOnlyList<string> ComponentFiles =>
        [.. Directory.EnumerateFiles(Components, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The path relative to the repository root, with forward slashes, for messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
}
