using System.Diagnostics;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;

namespace AgentPlatform.Bench.Registry;

/// <summary>Capability matching in process against the registry index while presence changes stream in.</summary>
/// <remarks>10,000 agents declare 5 of 50 capabilities each (seeded, so every run sees the same population); one task applies
/// 2,000 entry changes per second (status and load, as heartbeats, offline checks and task starts produce them) while the
/// measuring task matches requests of 1-3 capabilities with <c>min_confidence</c> 0.5 and limit 10, one after another, timing
/// each. The latency is per <see cref="AgentRegistryIndex.Match"/> call, candidates and exclusions included.</remarks>
public sealed class RegistryMatchBench : BenchSuite
{
    private const int Agents = 10_000;
    private const int Capabilities = 50;
    private const int CapabilitiesPerAgent = 5;
    private const int ChangesPerSecond = 2_000;
    private const int Matches = 20_000;

    private static readonly AgentStatus[] Statuses =
        [AgentStatus.Idle, AgentStatus.Idle, AgentStatus.Working, AgentStatus.Working, AgentStatus.Busy, AgentStatus.Offline, AgentStatus.Waiting, AgentStatus.Error];

    public override string Name => "registry-match";

    public override string Description => "match latency over 10,000 agents and 50 capabilities while 2,000 presence changes/s are applied";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p50 = new List<double>();
        var p99 = new List<double>();
        var max = new List<double>();
        var rates = new List<double>();
        var changes = new List<double>();
        var cpu = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var result = await RunOnceAsync(cancellationToken);
            p50.Add(result.P50);
            p99.Add(result.P99);
            max.Add(result.Max);
            rates.Add(result.MatchesPerSecond);
            changes.Add(result.ChangesPerSecond);
            cpu.Add(result.CpuPerMatch);
        }

        report.Row("match latency p50", "µs", p50);
        report.Row("match latency p99 (target ≤ 1,000)", "µs", p99);
        report.Row("match latency max", "µs", max);
        report.Row("matches per second (one caller)", "matches/s", rates);
        report.Row("presence changes applied meanwhile", "changes/s", changes);
        report.Row("process CPU time per match (churn included)", "µs", cpu);
    }

    private static async Task<RunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var index = new AgentRegistryIndex();
        var random = new Random(42);
        var names = Enumerable.Range(0, Capabilities).Select(i => $"capability-{i:D2}").ToArray();
        var entries = new AgentRegistryEntry[Agents];
        for (var i = 0; i < Agents; i++)
        {
            var capabilities = new Dictionary<string, double>(StringComparer.Ordinal);
            while (capabilities.Count < CapabilitiesPerAgent)
            {
                capabilities[names[random.Next(Capabilities)]] = Math.Round(random.NextDouble(), 2);
            }

            entries[i] = new AgentRegistryEntry($"agt_{i:D20}", Statuses[random.Next(Statuses.Length)], capabilities, random.Next(3), 4,
                new AgentTrackRecord(random.Next(100), random.Next(10), random.Next(10, 500)), 1);
            index.Apply(entries[i]);
        }

        var requests = Enumerable.Range(0, 1024)
            .Select(_ => CapabilityRequest.Create(
                Enumerable.Range(0, 1 + random.Next(3)).Select(_ => names[random.Next(Capabilities)]).Distinct()
                    .ToDictionary(n => n, _ => 1.0 + random.Next(3), StringComparer.Ordinal), 0.5))
            .ToArray();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var churn = Task.Run(() => ChurnAsync(index, entries, stop.Token), CancellationToken.None);
        for (var i = 0; i < 2_000; i++)
        {
            index.Match(requests[i % requests.Length], 10);
        }

        var latencies = new double[Matches];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Matches; i++)
        {
            var started = Stopwatch.GetTimestamp();
            index.Match(requests[i % requests.Length], 10);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        var elapsed = watch.Elapsed;
        var cpuPerMatch = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / Matches;
        await stop.CancelAsync();
        var (applied, churned) = await churn;
        Array.Sort(latencies);
        return new RunResult(
            latencies[Matches / 2], latencies[(int)(Matches * 0.99)], latencies[^1], Matches / elapsed.TotalSeconds, applied / churned.TotalSeconds, cpuPerMatch);
    }

    /// <summary>Applies <see cref="ChangesPerSecond"/> entry changes per second, paced every 10 ms, until cancelled.</summary>
    private static async Task<(long Applied, TimeSpan Elapsed)> ChurnAsync(AgentRegistryIndex index, AgentRegistryEntry[] entries, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var applied = 0L;
        var started = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * ChangesPerSecond);
                for (; applied < due; applied++)
                {
                    var i = random.Next(entries.Length);
                    var entry = entries[i] = entries[i] with
                    {
                        Status = Statuses[random.Next(Statuses.Length)], Load = random.Next(4), Version = entries[i].Version + 1,
                    };
                    index.Apply(entry);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (applied, Stopwatch.GetElapsedTime(started));
    }

    private sealed record RunResult(double P50, double P99, double Max, double MatchesPerSecond, double ChangesPerSecond, double CpuPerMatch);
}
