using System.Diagnostics;
using System.Globalization;

namespace AgentPlatform.Bench;

/// <summary>Collects measurements and prints them as Markdown table rows (min / median / max of the runs).</summary>
public sealed class BenchReport(TextWriter output, int runs)
{
    /// <summary>How many times each measurement is repeated.</summary>
    public int Runs { get; } = runs;

    /// <summary>True for a <c>--quick</c> run (one run each): suites shrink their workload.</summary>
    public bool Quick => Runs == 1;

    /// <summary>Runs <paramref name="operation"/> <see cref="Runs"/> times; each run returns how many operations it did.
    /// Reports operations per second.</summary>
    public async Task ThroughputAsync(string metric, Func<CancellationToken, Task<long>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var rates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var count = await operation(cancellationToken);
            rates.Add(count / watch.Elapsed.TotalSeconds);
        }

        Row(metric, "ops/s", rates);
    }

    /// <summary>Reports a set of values measured by the suite itself (latencies, bytes), one per run.</summary>
    public void Row(string metric, string unit, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        var median = sorted[sorted.Count / 2];
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {metric} | {sorted[0]:N0} | {median:N0} | {sorted[^1]:N0} | {unit} |"));
    }

    /// <summary>Prints a free-form note under the table.</summary>
    public void Note(string text) => output.WriteLine(text);
}
