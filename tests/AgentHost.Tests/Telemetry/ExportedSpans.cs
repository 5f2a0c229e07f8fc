using System.Collections;
using System.Diagnostics;

namespace AgentPlatform.AgentHost.Tests.Telemetry;

/// <summary>The spans an in-memory exporter collects (<c>AddInMemoryExporter(spans)</c>), safe to read while the host keeps adding
/// to them: the exporter adds without a lock of its own, so every access here takes one.</summary>
internal sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>A copy of the spans exported so far.</summary>
    public List<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>The first exported span that is <paramref name="wanted"/>, waiting up to 10 s for it: a span ends (and is
    /// exported) just after its work, so the caller can see an answer first.</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> wanted) => (await WaitForAsync(wanted, 1))[0];

    /// <summary>The exported spans that are <paramref name="wanted"/> once there are at least <paramref name="count"/> of them,
    /// waiting up to 10 s.</summary>
    public async Task<List<Activity>> WaitForAsync(Func<Activity, bool> wanted, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = Snapshot().Where(wanted).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{count} expected span(s) were not exported within 10 s (found {found.Count})");
            await Task.Delay(20);
        }
    }

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
