using System.Diagnostics;
using System.Threading.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Client.Tests.Samples;

/// <summary><c>samples/dotnet-agent</c> as a child process; its stdout lines can be awaited one by one.</summary>
public sealed class SampleAgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private SampleAgentProcess(Process process) => _process = process;

    public static string Assembly => Path.Combine(
        RepositoryPaths.Root, "samples", "dotnet-agent", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.Samples.DotnetAgent.dll");

    public static SampleAgentProcess Start(Uri grpcAddress, string name, string channelId, ITestOutputHelper output)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly);
        start.Environment["PLATFORM_GRPC_URL"] = grpcAddress.ToString();
        start.Environment["AGENT_NAME"] = name;
        start.Environment["AGENT_CHANNEL"] = channelId;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var sample = new SampleAgentProcess(process);
        process.OutputDataReceived += (_, e) => sample.Append(e.Data, output);
        process.ErrorDataReceived += (_, e) => sample.Append(e.Data is null ? null : $"stderr: {e.Data}", output);
        process.Exited += (_, _) => sample._lines.Writer.TryComplete();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The sample agent exited before printing '{prefix}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line, ITestOutputHelper output)
    {
        if (line is null)
        {
            return;
        }

        _lines.Writer.TryWrite(line);
        try
        {
            output.WriteLine($"[sample] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; xunit no longer accepts output.
        }
    }
}
