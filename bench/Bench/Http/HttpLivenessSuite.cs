using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AgentPlatform.Bench.Http;

/// <summary>10,000 registered agents heartbeating every 5 s over HTTP for 2 minutes; counts agents wrongly seen offline.</summary>
/// <remarks>BENCH_AGENTS and BENCH_LIVENESS_SECONDS override the agent count and the duration.</remarks>
public sealed class HttpLivenessSuite : BenchSuite
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public override string Name => "http-liveness";

    public override string Description => "10,000 agents heartbeating every 5 s over HTTP for 2 minutes: no false offline";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var agents = int.Parse(Environment.GetEnvironmentVariable("BENCH_AGENTS") ?? "10000", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_LIVENESS_SECONDS") ?? "120", CultureInfo.InvariantCulture));
        await using var host = await BenchHost.StartAsync(null, cancellationToken);

        var registration = Stopwatch.StartNew();
        var keys = new string[agents];
        await Parallel.ForAsync(0, agents, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, ct) =>
            keys[i] = (await host.RegisterAsync($"live-{i}", ct)).Key);
        report.Row($"register {agents} agents", "agents/s", [agents / registration.Elapsed.TotalSeconds]);

        var latencies = new ConcurrentBag<double>();
        var failures = 0L;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = Stopwatch.StartNew();
        var beaters = keys.Select((key, i) => BeatAsync(host, key, TimeSpan.FromTicks(Interval.Ticks * i / agents), latencies, () => Interlocked.Increment(ref failures), stop.Token)).ToList();

        await Task.Delay(Interval + TimeSpan.FromSeconds(1), cancellationToken);
        var falseOffline = new List<int>();
        while (run.Elapsed < duration)
        {
            falseOffline.Add(await CountOfflineAsync(host, cancellationToken));
            await Task.Delay(Interval, cancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(beaters);
        var sorted = latencies.Order().ToList();
        report.Row("heartbeats sent", "count", [sorted.Count]);
        report.Row("heartbeat rate", "req/s", [sorted.Count / run.Elapsed.TotalSeconds]);
        report.Row("heartbeat p99", "ms", [sorted[(int)(sorted.Count * 0.99)]]);
        report.Row("heartbeat max", "ms", [sorted[^1]]);
        report.Row("failed heartbeats", "count", [failures]);
        report.Row("offline checks", "count", [falseOffline.Count]);
        report.Row("agents seen offline (max of checks)", "agents", [falseOffline.Count == 0 ? 0 : falseOffline.Max()]);
        report.Note($"{agents} agents, {run.Elapsed.TotalSeconds:N0} s, interval 5 s, offline after 3 missed; load average {File.ReadAllText("/proc/loadavg").Trim()}.");
    }

    private static async Task BeatAsync(
        BenchHost host, string key, TimeSpan offset, ConcurrentBag<double> latencies, Action fail, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(offset, cancellationToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                var watch = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/agents/me/heartbeat", UriKind.Relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await host.Client.SendAsync(request, cancellationToken);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    fail();
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static async Task<int> CountOfflineAsync(BenchHost host, CancellationToken cancellationToken)
    {
        var offline = 0;
        string? after = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(
                after is null ? "api/v1/agents?status=offline&limit=200" : $"api/v1/agents?status=offline&limit=200&after={after}", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchHost.OperatorToken);
            using var response = await host.Client.SendAsync(request, cancellationToken);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            offline += page["agents"]!.AsArray().Count;
            after = page["next_cursor"]?.GetValue<string>();
        }
        while (after is not null);

        return offline;
    }
}
