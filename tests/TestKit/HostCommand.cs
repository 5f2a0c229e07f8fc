using System.Diagnostics;

namespace AgentPlatform.TestKit;

/// <summary>Runs the real host assembly once with arguments (a CLI command or a start expected to fail) and collects what it printed.</summary>
public static class HostCommand
{
    /// <summary>Runs <c>dotnet AgentPlatform.AgentHost.dll args</c> in <paramref name="workingDirectory"/> with
    /// <paramref name="environment"/> added and waits for it to exit (killing it when <paramref name="cancellationToken"/> fires).</summary>
    public static Task<ProcessRun.Result> RunAsync(
        IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ProcessRun.ToExitAsync(start, cancellationToken);
    }
}
