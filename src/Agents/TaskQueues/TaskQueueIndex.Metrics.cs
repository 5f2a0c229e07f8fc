using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.TaskQueues;

/// <summary>The index's instruments on the meter <c>AgentPlatform.Tasks</c>.</summary>
public sealed partial class TaskQueueIndex : IDisposable
{
    /// <summary>The tag naming the queue: a capability, or <see cref="AgentQueueTag"/> for every task addressed to one agent.</summary>
    public const string CapabilityTag = "capability";

    /// <summary>The one tag value under which tasks addressed to a named agent are counted, so agent ids never become series.</summary>
    public const string AgentQueueTag = "agent:*";

    private static readonly double[] WaitBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    // Queues that once had a waiting task keep reporting (zero), or an exporter would repeat their last non-zero value.
    private readonly ConcurrentDictionary<string, byte> _seenTags = new(StringComparer.Ordinal);
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _waitTime;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private Histogram<double> CreateInstruments(Meter meter)
    {
        meter.CreateObservableGauge("agentplatform.tasks.waiting", ObserveWaiting, "{task}",
            "Tasks scheduled and not yet picked up by an agent, per capability, in this process.");
        meter.CreateObservableGauge("agentplatform.tasks.waiting.oldest_age", ObserveOldestAge, "s",
            "How long the oldest waiting task of each capability has waited.");
        meter.CreateObservableGauge("agentplatform.tasks.inbox.backlog", ObserveBacklog, "{task}",
            "Waiting tasks delivered to an agent's inbox and not yet picked up, per priority.");
        return meter.CreateHistogram("agentplatform.tasks.wait_time", "s",
            "Time from a task's dispatch to its pick-up by an agent, per capability.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
    }

    private static string TagOf(string queue) => queue.StartsWith(AgentQueuePrefix, StringComparison.Ordinal) ? AgentQueueTag : queue;

    private void Remember(string[] queues)
    {
        foreach (var queue in queues)
        {
            _seenTags.TryAdd(TagOf(queue), 0);
        }
    }

    private void RecordWait(WaitingTask task, TimeSpan waited)
    {
        var seconds = Math.Max(0, waited.TotalSeconds);
        foreach (var tag in task.Queues.Select(TagOf).Distinct(StringComparer.Ordinal))
        {
            _waitTime.Record(seconds, new KeyValuePair<string, object?>(CapabilityTag, tag));
        }
    }

    private Dictionary<string, (int Count, DateTimeOffset Oldest)> ByTag()
    {
        var tags = _seenTags.Keys.ToDictionary(t => t, _ => (0, DateTimeOffset.MaxValue), StringComparer.Ordinal);
        foreach (var task in _waiting.Values)
        {
            foreach (var tag in task.Queues.Select(TagOf).Distinct(StringComparer.Ordinal))
            {
                var (count, oldest) = tags.GetValueOrDefault(tag, (0, DateTimeOffset.MaxValue));
                tags[tag] = (count + 1, task.Since < oldest ? task.Since : oldest);
            }
        }

        return tags;
    }

    private IEnumerable<Measurement<long>> ObserveWaiting() =>
        ByTag().Select(t => new Measurement<long>(t.Value.Count, new KeyValuePair<string, object?>(CapabilityTag, t.Key)));

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        var now = _time.GetUtcNow();
        return ByTag().Select(t => new Measurement<double>(
            t.Value.Count == 0 ? 0 : Math.Max(0, (now - t.Value.Oldest).TotalSeconds),
            new KeyValuePair<string, object?>(CapabilityTag, t.Key)));
    }

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        Snapshot().InboxBacklog.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("priority", p.Key.ToWire())));
}
