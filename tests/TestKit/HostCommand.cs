using System.Diagnostics;

namespace AgentPlatform.TestKit;

/// <summary>Runs the real host assembly once with arguments (a CLI command or a start expected to fail) and collects what it printed.</summary>
public static class HostCommand
{
    /// <summary>The exit code and the standard output and error of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <c>dotnet AgentPlatform.AgentHost.dll args</c> in <paramref name="workingDirectory"/> with
    /// <paramref name="environment"/> added and waits for it to exit (killing it when <paramref name="cancellationToken"/> fires).</summary>
    public static async Task<Result> RunAsync(
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
