using System.Diagnostics;
using System.Globalization;

namespace AgentPlatform.Bench;

/// <summary>How long a suite loads a freshly started host before it measures: at least 15 s (<c>BENCH_WARMUP_SECONDS</c> to
/// change), and for a host process, until its JIT has settled.</summary>
/// <remarks>The runtime compiles each method quickly first, then with instrumentation, and only then fully optimised, each step
/// after enough calls and in the background. With both cores busy that took about 10 s here for the reference workflow over HTTP:
/// it ran 450-570 instances/s in the first 10 s after start and 890-1,120/s from then on, at half the host CPU per instance. The
/// external-agent path crosses more code (HTTP routes, the task, inbox, presence and rights actors): after 15 s its host still
/// spent a sixth of its CPU in the JIT, and runs measured then took 20-60 % more host CPU per task than after 45 s. The targets are
/// about the platform running, not its first seconds, so <see cref="UntilSettledAsync"/> keeps loading the host until the JIT's
/// share of a slice is small (the host's own <c>dotnet.jit.compilation.time</c> metric), within <see cref="MaxDuration"/>.</remarks>
internal static class BenchWarmUp
{
    /// <summary>The JIT's share of one core below which a host counts as settled.</summary>
    private const double SettledJitShare = 0.01;

    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(5);

    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(
        double.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP_SECONDS") ?? "15", CultureInfo.InvariantCulture));

    /// <summary>The longest warm-up <see cref="UntilSettledAsync"/> gives a host whose JIT does not settle.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromSeconds(90);

    /// <summary>Loads the host with <paramref name="loadFor"/> for <see cref="Duration"/>, then in slices of 5 s until the host's JIT
    /// took under 1 % of a core in a slice, or <see cref="MaxDuration"/> has passed; answers how long it took.</summary>
    /// <param name="jitSeconds">Reads the host's JIT compilation time so far.</param>
    /// <param name="loadFor">Loads the host for the given time.</param>
    /// <param name="cancellationToken">Stops the warm-up.</param>
    public static async Task<TimeSpan> UntilSettledAsync(Func<CancellationToken, Task<double>> jitSeconds, Func<TimeSpan, Task> loadFor, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await loadFor(Duration);
        while (watch.Elapsed < MaxDuration)
        {
            var before = await jitSeconds(cancellationToken);
            var slice = Stopwatch.StartNew();
            await loadFor(Slice);
            if ((await jitSeconds(cancellationToken) - before) / slice.Elapsed.TotalSeconds < SettledJitShare)
            {
                break;
            }
        }

        return watch.Elapsed;
    }
}
