using System.Globalization;

namespace AgentPlatform.Bench.Http;

/// <summary>Authenticated heartbeats per second and p99 with <c>wrk -t2 -c64</c>, next to the bare <c>/healthz</c> ceiling.</summary>
public sealed class HttpHeartbeatSuite : BenchSuite
{
    public override string Name => "http-heartbeat";

    public override string Description => "wrk -t2 -c64: GET /healthz (bare ceiling), authenticated GET /agents/me and POST /agents/me/heartbeat";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_WRK_SECONDS") ?? "4", CultureInfo.InvariantCulture));
        await using var host = await BenchHost.StartAsync(null, cancellationToken);
        var keys = new List<string>();
        for (var i = 0; i < Connections; i++)
        {
            keys.Add((await host.RegisterAsync($"bench-heartbeat-{i}", cancellationToken)).Key);
        }

        var manyAgents = await WriteScriptAsync("POST", HeartbeatPath, keys, cancellationToken);
        var oneAgent = await WriteScriptAsync("POST", HeartbeatPath, keys.Take(1).ToList(), cancellationToken);
        var reads = await WriteScriptAsync("GET", "api/v1/agents/me", keys, cancellationToken);
        try
        {
            await MeasureAsync(report, "GET /healthz (bare ceiling)", new Uri(host.BaseAddress, "healthz"), null, duration, cancellationToken);
            await MeasureAsync(report, $"GET /agents/me, {Connections} agents round-robin", new Uri(host.BaseAddress, "api/v1/agents/me"), reads, duration, cancellationToken);
            await MeasureAsync(report, $"POST heartbeat, {Connections} agents round-robin", new Uri(host.BaseAddress, HeartbeatPath), manyAgents, duration, cancellationToken);
            await MeasureAsync(report, "POST heartbeat, 1 agent", new Uri(host.BaseAddress, HeartbeatPath), oneAgent, duration, cancellationToken);
        }
        finally
        {
            File.Delete(manyAgents);
            File.Delete(oneAgent);
            File.Delete(reads);
        }

        report.Note($"Load average during the run: {File.ReadAllText("/proc/loadavg").Trim()} (2 cores, shared).");
    }

    private const int Connections = 64;
    private const string HeartbeatPath = "api/v1/agents/me/heartbeat";

    private static async Task<string> WriteScriptAsync(string method, string path, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"heartbeat-{Guid.NewGuid():N}.lua");
        var list = string.Join(", ", keys.Select(k => $"\"Bearer {k}\""));
        await File.WriteAllTextAsync(script, $$"""
            local keys = { {{list}} }
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("{{method}}", "/{{path}}", { ["Authorization"] = keys[(i % #keys) + 1] })
            end
            """, cancellationToken);
        return script;
    }

    private static async Task MeasureAsync(BenchReport report, string metric, Uri url, string? script, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Wrk.RunAsync(url, script, 2, Connections, TimeSpan.FromSeconds(1), cancellationToken);
        var rates = new List<double>();
        var p99s = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var (rate, p99, output) = await Wrk.RunAsync(url, script, 2, Connections, duration, cancellationToken);
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
