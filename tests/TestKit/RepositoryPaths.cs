namespace AgentPlatform.TestKit;

/// <summary>Locates the repository and the build outputs the tests run.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>Platform.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the running tests (Debug or Release).</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The built host assembly; the test projects reference the host so it is built first.</summary>
    public static string HostAssembly =>
        Path.Combine(Root, "src", "AgentHost", "bin", Configuration, "net10.0", "AgentPlatform.AgentHost.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Platform.sln not found above {AppContext.BaseDirectory}.");
    }
}
