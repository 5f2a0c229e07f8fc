using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Agents.Channels;

/// <summary>Channel and inbox instruments on the meter <c>AgentPlatform.Channels</c>: volume, deliveries, acknowledgements,
/// abandoned deliveries and delivery latency, each tagged with the message priority; and, per channel, the same delivery
/// figures counted in this process since it started (<see cref="DeliveriesOf"/>).</summary>
public sealed class ChannelMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = PlatformTelemetry.ChannelsMeter;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _posts;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _abandoned;
    private readonly Histogram<double> _latency;
    private readonly ConcurrentDictionary<string, ChannelDeliveryTally> _channels = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments, on a meter from <paramref name="meterFactory"/> when one is given.</summary>
    public ChannelMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _posts = _meter.CreateCounter<long>("agentplatform.channels.messages", "{message}", "Messages appended to channel logs and inboxes.");
        _deliveries = _meter.CreateCounter<long>("agentplatform.channels.deliveries", "{delivery}", "Inbox deliveries, first attempts and redeliveries.");
        _acknowledged = _meter.CreateCounter<long>("agentplatform.channels.acknowledged", "{delivery}", "Deliveries acknowledged by the recipient.");
        _abandoned = _meter.CreateCounter<long>("agentplatform.channels.abandoned", "{delivery}", "Deliveries given up after the priority's attempt budget.");
        _latency = _meter.CreateHistogram<double>("agentplatform.channels.delivery.latency", "ms", "Time from a message's creation to its first delivery.");
    }

    internal void Appended(MessagePriority priority, MessageKind kind, int count = 1) =>
        _posts.Add(count, new("priority", priority.ToWire()), new("kind", KindTag(kind)));

    /// <summary>When the per-channel delivery figures started counting (this process's start).</summary>
    public DateTimeOffset CountingSince { get; } = DateTimeOffset.UtcNow;

    /// <summary>The delivery figures of <paramref name="channelId"/> counted in this process since it started; zeros when none.</summary>
    public ChannelDeliveryFigures DeliveriesOf(string channelId) =>
        _channels.TryGetValue(channelId, out var tally) ? tally.Snapshot() : ChannelDeliveryTally.Empty;

    /// <remarks>The per-channel figures of a delivery are added through <see cref="ChannelDeliveryBatch"/>.</remarks>
    internal void Delivered(MessagePriority priority, int attempt, TimeSpan sinceCreated)
    {
        _deliveries.Add(1, new("priority", priority.ToWire()), new("redelivery", attempt > 1));
        if (attempt == 1)
        {
            _latency.Record(Math.Max(0, sinceCreated.TotalMilliseconds), new KeyValuePair<string, object?>("priority", priority.ToWire()));
        }
    }

    /// <remarks>The per-channel figures of an acknowledgement are added through <see cref="ChannelDeliveryBatch"/>.</remarks>
    internal void Acknowledged(MessagePriority priority) => _acknowledged.Add(1, new KeyValuePair<string, object?>("priority", priority.ToWire()));

    internal void Abandoned(string? channelId, MessagePriority priority)
    {
        _abandoned.Add(1, new KeyValuePair<string, object?>("priority", priority.ToWire()));
        if (channelId is not null)
        {
            Tally(channelId).GivenUp();
        }
    }

    internal ChannelDeliveryTally Tally(string channelId) => _channels.GetOrAdd(channelId, static _ => new ChannelDeliveryTally());

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string KindTag(MessageKind kind) => kind switch
    {
        MessageKind.System => "system",
        MessageKind.Direct => "direct",
        MessageKind.Task => "task",
        MessageKind.Request => "request",
        _ => "post",
    };
}
