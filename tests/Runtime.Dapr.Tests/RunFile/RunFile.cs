using System.Text.Json.Nodes;
using AgentPlatform.Runtime.Dapr.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests;

/// <summary><c>dapr.yaml</c>, read once.</summary>
public static class RunFile
{
    /// <summary>The whole file.</summary>
    public static JsonObject Root { get; } = YamlFiles.ReadObject(RepoPaths.RunFile);

    /// <summary>The apps, in file order.</summary>
    public static IReadOnlyList<RunFileApp> Apps { get; } =
        [.. ((JsonArray)Root["apps"]!).Select(app => new RunFileApp((JsonObject)app!))];
}

/// <summary>One entry of <c>apps</c> in <c>dapr.yaml</c>.</summary>
public sealed record RunFileApp(JsonObject Node)
{
    /// <summary><c>appID</c>.</summary>
    public string AppId => Node["appID"]!.GetValue<string>();

    /// <summary><c>appDirPath</c> resolved against the repository root.</summary>
    public string Directory => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepoPaths.RunFile)!, Node["appDirPath"]!.GetValue<string>()));

    /// <summary>An environment variable from <c>env</c>, or null.</summary>
    public string? Env(string name) => Node["env"]?[name]?.ToString();

    /// <summary><c>command</c> joined with spaces.</summary>
    public string Command => string.Join(' ', ((JsonArray)Node["command"]!).Select(part => part!.GetValue<string>()));
}
