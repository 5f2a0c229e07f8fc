using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Samples;

/// <summary>Runs a sample agent (<c>python3</c> or <c>node</c>) as a child process against a host and reads its JSON summary line.</summary>
internal static class SampleAgentProcess
{
    public static Task<(int ExitCode, JsonObject Summary)> RunAsync(
        string program, string script, HostProcess host, IEnumerable<string> arguments, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        var start = ScriptProcess.StartInfo(program, script, arguments);
        start.Environment["HOST_URL"] = host.BaseAddress.ToString().TrimEnd('/');
        return ScriptProcess.RunForSummaryAsync(start, output, cancellationToken);
    }
}
