using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace AgentPlatform.TestKit;

/// <summary>How tests start a script of the repository (a sample agent, a client flow) under an interpreter.</summary>
public static class ScriptProcess
{
    /// <summary>Start info for <c>program script arguments...</c> run from the repository root with its output redirected;
    /// <paramref name="script"/> is relative to the root.</summary>
    public static ProcessStartInfo StartInfo(string program, string script, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs <paramref name="start"/> to its end (see <see cref="ProcessRun.ToExitAsync"/>), writes what it printed to
    /// <paramref name="output"/>, and returns its exit code and its summary: the JSON object on its last output line.</summary>
    public static async Task<(int ExitCode, JsonObject Summary)> RunForSummaryAsync(
        ProcessStartInfo start, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(output);
        var run = await ProcessRun.ToExitAsync(start, cancellationToken);
        output.WriteLine($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited {run.ExitCode}{Environment.NewLine}{run.Output}{run.Error}");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        return (run.ExitCode, JsonNode.Parse(lines[^1])!.AsObject());
    }
}
