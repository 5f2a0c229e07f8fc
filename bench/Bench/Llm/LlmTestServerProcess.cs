using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AgentPlatform.TestKit;

namespace AgentPlatform.Bench.Llm;

/// <summary>The test LLM server (<c>tests/LlmTestServer</c>, built with the harness) as its own process, as a user would run it
/// beside the host; stopping it closes its stdin and reads the request counts it prints.</summary>
internal sealed partial class LlmTestServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LlmTestServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's OpenAI-compatible base URL, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server process's CPU time so far (all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    private static string Assembly =>
        Path.Combine(RepositoryPaths.Root, "tests", "LlmTestServer", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.LlmTestServer.dll");

    /// <summary>Starts the server with the command-line <paramref name="options"/> and waits until it listens.</summary>
    public static async Task<LlmTestServerProcess> StartAsync(IEnumerable<string> options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The test LLM server did not start.");
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The test LLM server exited at start-up ({Assembly}).");
        return line.StartsWith("listening ", StringComparison.Ordinal)
            ? new LlmTestServerProcess(process, new Uri(line["listening ".Length..]))
            : throw new InvalidOperationException($"The test LLM server said '{line}' instead of where it listens.");
    }

    /// <summary>Answers what the server counted so far, as <see cref="StopAsync"/> does, and leaves it running.</summary>
    public async Task<(int Requests, int RateLimited, int MaxInFlight)> CountsAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("counts".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return Parse(await _process.StandardOutput.ReadLineAsync(cancellationToken) ?? "");
    }

    /// <summary>Stops the server and answers what it counted: requests answered, of them rate limited (429), and the most at once.</summary>
    public async Task<(int Requests, int RateLimited, int MaxInFlight)> StopAsync(CancellationToken cancellationToken)
    {
        _process.StandardInput.Close();
        var summary = await _process.StandardOutput.ReadToEndAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        return Parse(summary);
    }

    private static (int Requests, int RateLimited, int MaxInFlight) Parse(string summary)
    {
        var counts = Counts().Match(summary);
        return counts.Success
            ? (Number(counts, 1), Number(counts, 2), Number(counts, 3))
            : throw new InvalidOperationException($"The test LLM server's summary was '{summary.Trim()}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"requests (\d+) rate-limited (\d+) max-in-flight (\d+)")]
    private static partial Regex Counts();
}
