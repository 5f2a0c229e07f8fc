using System.Globalization;

namespace AgentPlatform.TestKit;

/// <summary>How long the fuzz tests run: a bounded number of iterations by default (a few seconds each in CI), or
/// <c>FUZZ_SECONDS</c> seconds per test when that environment variable is set, for longer local runs
/// (<c>FUZZ_SECONDS=300 dotnet test --filter Category=Fuzz</c>).</summary>
public static class FuzzBudget
{
    /// <summary>Seconds per fuzz test from <c>FUZZ_SECONDS</c>, or -1 to run <see cref="Iterations"/> instead.</summary>
    public static int Seconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : -1;

    /// <summary>The iterations to run when no time is set: <paramref name="ci"/>, or effectively unbounded under
    /// <c>FUZZ_SECONDS</c> (the time then ends the run).</summary>
    public static long Iterations(long ci) => Seconds > 0 ? long.MaxValue : ci;
}
