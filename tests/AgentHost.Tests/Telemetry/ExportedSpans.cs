using System.Diagnostics;

namespace AgentPlatform.AgentHost.Tests.Telemetry;

/// <summary>Reading the spans an in-memory exporter collects while the host keeps adding to them.</summary>
internal static class ExportedSpans
{
    /// <summary>A copy of the spans exported so far.</summary>
    public static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    /// <summary>The first exported span that is <paramref name="wanted"/>, waiting up to 10 s for it: a span ends (and is
    /// exported) just after its work, so the caller can see an answer first.</summary>
    public static async Task<Activity> WaitForAsync(List<Activity> spans, Func<Activity, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (Snapshot(spans).FirstOrDefault(wanted) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the expected span was not exported within 10 s");
            await Task.Delay(20);
        }
    }
}
