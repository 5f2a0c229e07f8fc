using System.Diagnostics;

namespace AgentPlatform.Bench.Runtime;

/// <summary>One run of a throughput measurement: how many operations, in how much wall-clock and process CPU time.</summary>
/// <remarks>The CPU time per operation stays meaningful when other processes share the machine, where wall-clock rates do not.</remarks>
internal sealed record Measurement(double Operations, TimeSpan Wall, TimeSpan Cpu)
{
    public double PerSecond => Operations / Wall.TotalSeconds;

    public double CpuNanosecondsPerOperation => Cpu.TotalNanoseconds / Operations;

    /// <summary>Starts measuring; call <see cref="Stopwatch.Stop"/>-like <c>stop(operations)</c> when done.</summary>
    public static Func<double, Measurement> Start()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        return operations =>
        {
            var wall = watch.Elapsed;
            return new Measurement(operations, wall, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        };
    }

    public static async Task<IReadOnlyList<Measurement>> RepeatAsync(int runs, Func<Task<Measurement>> measure)
    {
        var results = new List<Measurement>();
        for (var run = 0; run < runs; run++)
        {
            results.Add(await measure());
        }

        return results;
    }

    /// <summary>Reports the rate and the CPU time per operation of <paramref name="runs"/>.</summary>
    public static void Report(BenchReport report, string metric, string unit, IReadOnlyList<Measurement> runs)
    {
        report.Row(metric, unit, [.. runs.Select(r => r.PerSecond)]);
        report.Row($"{metric}: process CPU time per operation", "ns", [.. runs.Select(r => r.CpuNanosecondsPerOperation)]);
    }
}
