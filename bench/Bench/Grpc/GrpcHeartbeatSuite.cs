using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AgentPlatform.Client;

namespace AgentPlatform.Bench.Grpc;

/// <summary>Agent heartbeats over gRPC (unary, 64 concurrent callers) next to the same over HTTP, measured the same way in the
/// same run against the same host.</summary>
public sealed class GrpcHeartbeatSuite : BenchSuite
{
    private const int Concurrency = 64;

    public override string Name => "grpc-heartbeat";

    public override string Description => $"closed loop, {Concurrency} agents at once: AgentService.Heartbeat over gRPC vs POST /agents/me/heartbeat over HTTP/1.1";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "4", CultureInfo.InvariantCulture));
        await using var host = await GrpcBenchHost.StartAsync(cancellationToken);
        var agents = new List<AgentPlatformClient>();
        try
        {
            for (var i = 0; i < Concurrency; i++)
            {
                agents.Add((await host.RegisterAsync($"bench-grpc-heartbeat-{i}", cancellationToken)).Client);
            }

            var http = new Func<CancellationToken, Task>[Concurrency];
            for (var i = 0; i < Concurrency; i++)
            {
                var key = agents[i].ApiKey!;
                http[i] = token => HttpHeartbeatAsync(host.Host.Client, key, token);
            }

            var grpc = agents.Select(agent => (Func<CancellationToken, Task>)(token => agent.HeartbeatAsync(cancellationToken: token))).ToArray();
            await MeasureAsync(report, "gRPC Heartbeat", grpc, duration, cancellationToken);
            await MeasureAsync(report, "HTTP POST heartbeat", http, duration, cancellationToken);
        }
        finally
        {
            agents.ForEach(agent => agent.Dispose());
        }

        report.Note($"Load average during the run: {File.ReadAllText("/proc/loadavg").Trim()} (2 cores, shared).");
    }

    private static async Task HttpHeartbeatAsync(HttpClient client, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/agents/me/heartbeat", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task MeasureAsync(
        BenchReport report, string metric, IReadOnlyList<Func<CancellationToken, Task>> callers, TimeSpan duration, CancellationToken cancellationToken)
    {
        await RunAsync(callers, TimeSpan.FromSeconds(1), cancellationToken);
        var rates = new List<double>();
        var p99s = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var (rate, p99) = await RunAsync(callers, duration, cancellationToken);
            rates.Add(rate);
            p99s.Add(p99);
        }

        report.Row($"{metric}, {Concurrency} concurrent", "req/s", rates);
        report.Row($"{metric} p99", "µs", p99s);
    }

    /// <summary>Each caller calls in a loop until <paramref name="duration"/> has passed; answers calls per second and the p99 latency.</summary>
    private static async Task<(double Rate, double P99Micros)> RunAsync(
        IReadOnlyList<Func<CancellationToken, Task>> callers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(callers.Select(async call =>
        {
            var own = new List<double>();
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                await call(cancellationToken);
                own.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            return own;
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / elapsed, all[(int)Math.Min(all.Count - 1, Math.Ceiling(all.Count * 0.99) - 1)]);
    }
}
