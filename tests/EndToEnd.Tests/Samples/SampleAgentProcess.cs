using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Samples;

/// <summary>Runs a sample agent (<c>python3</c> or <c>node</c>) as a child process against a host and reads its JSON summary line.</summary>
internal static class SampleAgentProcess
{
    public static async Task<(int ExitCode, JsonObject Summary)> RunAsync(
        string program, string script, HostProcess host, IEnumerable<string> arguments, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var start = ScriptProcess.StartInfo(program, script, arguments);
        start.Environment["HOST_URL"] = host.BaseAddress.ToString().TrimEnd('/');
        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExitAsync returns once the redirected streams are drained.
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        output.WriteLine($"{program} {script} exited {process.ExitCode}{Environment.NewLine}{stdout}{stderr}");
        Assert.NotEmpty(lines);
        return (process.ExitCode, JsonNode.Parse(lines[^1])!.AsObject());
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
