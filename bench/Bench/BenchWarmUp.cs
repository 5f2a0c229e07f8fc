using System.Globalization;

namespace AgentPlatform.Bench;

/// <summary>How long a suite loads a freshly started host before it measures: 15 s by default, <c>BENCH_WARMUP_SECONDS</c> to change.</summary>
/// <remarks>The runtime compiles each method quickly first, then with instrumentation, and only then fully optimised, each step
/// after enough calls and in the background. With both cores busy that took about 10 s here: the reference workflow over HTTP
/// ran 450-570 instances/s in the first 10 s after start and 890-1,120/s from then on, at half the host CPU per instance. A
/// warm-up of 2-3 s measured mostly that start-up phase; the targets are about the platform running, not its first seconds.</remarks>
internal static class BenchWarmUp
{
    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(
        double.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP_SECONDS") ?? "15", CultureInfo.InvariantCulture));
}
