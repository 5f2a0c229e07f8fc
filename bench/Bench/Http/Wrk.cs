using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentPlatform.Bench.Http;

/// <summary>Runs <c>wrk</c> and reads requests per second and the 99th percentile latency from its output.</summary>
internal static partial class Wrk
{
    public static async Task<(double RequestsPerSecond, double P99Milliseconds, string Output)> RunAsync(
        Uri url, string? luaScript, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (luaScript is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(luaScript);
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk could not be started; install it with apt-get install -y wrk.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var rate = RatePattern().Match(output);
        var p99 = P99Pattern().Match(output);
        if (!rate.Success || !p99.Success)
        {
            throw new InvalidOperationException($"Unexpected wrk output:{Environment.NewLine}{output}{await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }

        var latency = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) * p99.Groups[2].Value switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1000,
            _ => double.NaN,
        };
        return (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), latency, output);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"\s99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99Pattern();
}
