using System.Diagnostics;

namespace AgentPlatform.Bench.Workflows;

/// <summary>A closed-loop load: a fixed number of workers, each running one operation after another until the time is up;
/// the rate and the latency of every operation.</summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="operation"/> (given the worker and its count so far) for
    /// <paramref name="duration"/>; answers operations per second and every operation's latency in milliseconds, sorted.</summary>
    public static async Task<(double Rate, List<double> Latencies)> RunAsync(
        int workers, TimeSpan duration, Func<int, int, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var started = clock.Elapsed;
                await operation(worker, n);
                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (all.Count / elapsed.TotalSeconds, all);
    }

    /// <summary>The <paramref name="quantile"/> (0 to 1) of <paramref name="sorted"/>, which must not be empty.</summary>
    public static double Percentile(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * quantile))];
}
