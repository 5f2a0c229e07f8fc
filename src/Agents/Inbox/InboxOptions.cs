using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Leases, long-poll bounds and redelivery budgets of inboxes.</summary>
public sealed class InboxOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Inbox";

    /// <summary>How long a first delivery stays leased; unacknowledged by then, it is delivered again.</summary>
    /// <remarks>Each redelivery doubles the lease (exponential back-off) up to <see cref="MaxAckTimeout"/>.</remarks>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The cap of the doubling lease of redeliveries.</summary>
    public TimeSpan MaxAckTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest long-poll wait a caller may ask for.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most deliveries one read returns.</summary>
    public int MaxReadLimit { get; set; } = 100;

    /// <summary>How many deliveries a read returns when the caller gives no limit.</summary>
    public int DefaultReadLimit { get; set; } = 20;

    /// <summary>The most deliveries one agent may hold unacknowledged; past it, reads only redeliver.</summary>
    public int MaxUnacknowledged { get; set; } = 1000;

    /// <summary>Delivery attempts of a <see cref="MessagePriority.High"/> message before it is abandoned.</summary>
    public int MaxAttemptsHigh { get; set; } = 20;

    /// <summary>Delivery attempts of a <see cref="MessagePriority.Normal"/> message before it is abandoned.</summary>
    public int MaxAttemptsNormal { get; set; } = 10;

    /// <summary>Delivery attempts of a <see cref="MessagePriority.Low"/> message before it is abandoned.</summary>
    public int MaxAttemptsLow { get; set; } = 5;

    /// <summary>How long a delivery handed back with a negative acknowledgement waits before it is delivered again, the first
    /// time (default 100 ms); each later hand-back of the same delivery doubles it, up to <see cref="MaxNackBackoff"/>.</summary>
    public TimeSpan NackBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The cap of the doubling back-off of handed-back deliveries (default 5 s).</summary>
    public TimeSpan MaxNackBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The back-off after attempt <paramref name="attempt"/> (1-based) was handed back: <see cref="NackBackoff"/> doubled per
    /// earlier attempt, at most <see cref="MaxNackBackoff"/>.</summary>
    public TimeSpan NackDelay(int attempt)
    {
        var delay = NackBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return delay >= MaxNackBackoff.TotalMilliseconds ? MaxNackBackoff : TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>The lease of delivery attempt <paramref name="attempt"/> (1-based): <see cref="AckTimeout"/> doubled per
    /// redelivery, at most <see cref="MaxAckTimeout"/>.</summary>
    public TimeSpan LeaseFor(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var lease = AckTimeout.TotalMilliseconds * factor;
        return lease >= MaxAckTimeout.TotalMilliseconds ? MaxAckTimeout : TimeSpan.FromMilliseconds(lease);
    }

    /// <summary>The attempt budget of <paramref name="priority"/>.</summary>
    public int MaxAttempts(MessagePriority priority) => priority switch
    {
        MessagePriority.High => MaxAttemptsHigh,
        MessagePriority.Low => MaxAttemptsLow,
        _ => MaxAttemptsNormal,
    };
}
