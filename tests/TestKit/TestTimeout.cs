using System.Diagnostics;

namespace AgentPlatform.TestKit;

/// <summary>Cancellation tokens that bound every async test, longer under a debugger.</summary>
public static class TestTimeout
{
    /// <summary>A token cancelled after <paramref name="seconds"/> (ten minutes when a debugger is attached).</summary>
    public static CancellationToken After(double seconds = 30)
    {
        var limit = Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(seconds);
        return new CancellationTokenSource(limit).Token;
    }

    /// <summary>Awaits <paramref name="task"/>, failing with a clear message if it does not finish within <paramref name="seconds"/>.</summary>
    public static async Task<T> WithTimeout<T>(this Task<T> task, double seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(task);
        return await task.WaitAsync(Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Awaits <paramref name="task"/>, failing with a clear message if it does not finish within <paramref name="seconds"/>.</summary>
    public static async Task WithTimeout(this Task task, double seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(task);
        await task.WaitAsync(Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(seconds));
    }
}
