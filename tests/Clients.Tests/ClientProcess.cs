using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Clients.Tests;

/// <summary>A Python or Node.js program run as a child process from the repository root; its last stdout line is its JSON
/// summary.</summary>
public static class ClientProcess
{
    /// <summary>Debian's interpreter: the one python3-grpcio installs into (a version manager's python3 may come first on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    public const string Node = "node";

    /// <summary>Runs <paramref name="program"/> with <paramref name="script"/> (relative to the repository root) and
    /// <paramref name="arguments"/>, waits for it to exit (killing it when <paramref name="cancellationToken"/> fires), and
    /// returns its exit code and the JSON of its last output line.</summary>
    public static Task<(int ExitCode, JsonObject Summary)> RunAsync(
        string program, string script, IEnumerable<string> arguments, ITestOutputHelper output, CancellationToken cancellationToken) =>
        ScriptProcess.RunForSummaryAsync(ScriptProcess.StartInfo(program, script, arguments), output, cancellationToken);

    /// <summary>Generates the Python stubs with clients/python/generate.py (protoc and grpc_python_plugin from Debian).</summary>
    public static async Task GeneratePythonStubsAsync(CancellationToken cancellationToken)
    {
        var run = await ProcessRun.ToExitAsync(ScriptProcess.StartInfo(Python, "clients/python/generate.py", []), cancellationToken);
        Assert.True(run.ExitCode == 0, $"clients/python/generate.py failed: {run.Error}");
    }
}
