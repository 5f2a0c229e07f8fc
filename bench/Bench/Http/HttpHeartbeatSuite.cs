using System.Globalization;

namespace AgentPlatform.Bench.Http;

/// <summary>Authenticated heartbeats per second and p99 with <c>wrk -t2 -c64</c>, next to the bare <c>/healthz</c> ceiling.</summary>
public sealed class HttpHeartbeatSuite : BenchSuite
{
    public override string Name => "http-heartbeat";

    public override string Description => "wrk -t2 -c64: GET /healthz (bare Kestrel ceiling) and authenticated POST /api/v1/agents/me/heartbeat";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_WRK_SECONDS") ?? "8", CultureInfo.InvariantCulture));
        await using var host = await BenchHost.StartAsync(null, cancellationToken);
        var (_, key) = await host.RegisterAsync("bench-heartbeat", cancellationToken);
        var script = Path.Combine(Path.GetTempPath(), $"heartbeat-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Authorization\"] = \"Bearer {key}\"\n", cancellationToken);
        try
        {
            await MeasureAsync(report, "GET /healthz (bare ceiling)", new Uri(host.BaseAddress, "healthz"), null, duration, cancellationToken);
            await MeasureAsync(report, "POST /agents/me/heartbeat (authenticated, durable)", new Uri(host.BaseAddress, "api/v1/agents/me/heartbeat"), script, duration, cancellationToken);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task MeasureAsync(BenchReport report, string metric, Uri url, string? script, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Wrk.RunAsync(url, script, 2, 64, TimeSpan.FromSeconds(2), cancellationToken);
        var rates = new List<double>();
        var p99s = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var (rate, p99, output) = await Wrk.RunAsync(url, script, 2, 64, duration, cancellationToken);
            if (output.Contains("Non-2xx", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{metric}: wrk saw non-2xx answers:{Environment.NewLine}{output}");
            }

            rates.Add(rate);
            p99s.Add(p99 * 1000);
        }

        report.Row(metric, "req/s", rates);
        report.Row(metric + " p99", "µs", p99s);
    }
}
