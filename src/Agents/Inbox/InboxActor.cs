using System.Globalization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Inbox;

/// <summary>One agent's inbox: a durable cursor into each channel it belongs to, its own durable direct messages, and the
/// in-memory leases of what it was handed but has not acknowledged.</summary>
/// <remarks>
/// A read merges expired leases (redelivered with the next attempt number), pending direct messages and tasks, and channel
/// messages past the agent's cursor, excluding its own posts, and returns them by priority (see <c>InboxActor.Priority.cs</c>).
/// Reading writes nothing durable. An acknowledgement moves the channel
/// cursor up to just before the oldest message still leased, so after a restart everything not acknowledged in order is
/// delivered again (at-least-once). Leases live in memory: losing them only causes an earlier redelivery.
/// </remarks>
internal sealed partial class InboxActor : Actor
{
    public const string TypeName = "inbox";
    public const string SubscribeMethod = "subscribe";
    public const string UnsubscribeMethod = "unsubscribe";
    public const string DeliverMethod = "deliver";
    public const string ReadMethod = "read";
    public const string AckMethod = "ack";
    public const string NackMethod = "nack";
    public const string StatusMethod = "status";

    private const string CursorsKey = "channels";
    private const string DirectIndexKey = "direct";
    private const string DirectPrefix = "dm:";

    private readonly InboxOptions _options;
    private readonly ChannelMetrics _metrics;
    private readonly Dictionary<string, long> _scanned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeaseEntry> _leases = new(StringComparer.Ordinal);
    private Dictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private DirectIndex _direct = new(0, []);
    private DateTimeOffset _loadedAt;

    public InboxActor(ActorHost host, ChannelContext context)
        : base(host)
    {
        _options = context.Inbox;
        _metrics = context.Metrics;
    }

    private string AgentId => Id.Key;

    public static string DirectKey(long sequence) => string.Create(CultureInfo.InvariantCulture, $"direct/{sequence}");

    public static string ChannelDeliveryId(string channelId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{channelId}:{sequence}");

    public static string DirectDeliveryId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{DirectPrefix}{sequence}");

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        var cursors = await StateManager.GetStateOrDefaultAsync<Dictionary<string, long>?>(CursorsKey, null, cancellationToken);
        _cursors = cursors is null ? new(StringComparer.Ordinal) : new(cursors, StringComparer.Ordinal);
        _direct = await StateManager.GetStateOrDefaultAsync<DirectIndex?>(DirectIndexKey, null, cancellationToken) ?? new(0, []);
        _givenUp = await StateManager.GetStateOrDefaultAsync<List<string>?>(GivenUpKey, null, cancellationToken) ?? [];
        _loadedAt = Host.Time.GetUtcNow();
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        SubscribeMethod => Subscribe(ActorPayload.Read<InboxSubscribe>(call)),
        UnsubscribeMethod => Unsubscribe(ActorPayload.Read<string>(call)),
        DeliverMethod => Deliver(ActorPayload.Read<IReadOnlyList<DirectMessage>>(call)),
        ReadMethod => await ReadAsync(ActorPayload.Read<InboxReadRequest>(call), cancellationToken),
        AckMethod => Acknowledge(ActorPayload.Read<InboxAck>(call)),
        NackMethod => HandBack(ActorPayload.Read<InboxAck>(call)),
        StatusMethod => await StatusAsync(ActorPayload.Read<DeliveryQuery>(call), cancellationToken),
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

    private bool Subscribe(InboxSubscribe subscribe)
    {
        if (_cursors.ContainsKey(subscribe.ChannelId))
        {
            return false;
        }

        var cursors = new Dictionary<string, long>(_cursors, StringComparer.Ordinal) { [subscribe.ChannelId] = subscribe.FromSequence };
        StateManager.SetState(CursorsKey, cursors);
        _cursors = cursors;
        _scanned.Remove(subscribe.ChannelId);
        return true;
    }

    private bool Unsubscribe(string channelId)
    {
        if (!_cursors.ContainsKey(channelId))
        {
            return false;
        }

        DropChannel(channelId);
        return true;
    }

    /// <summary>Stores <paramref name="directs"/> in order, each under the next sequence, with one write of the index.</summary>
    private ChannelMessage[] Deliver(IReadOnlyList<DirectMessage> directs)
    {
        var now = Host.Time.GetUtcNow();
        var stored = new ChannelMessage[directs.Count];
        var pending = new List<long>(_direct.Pending.Count + directs.Count);
        pending.AddRange(_direct.Pending);
        var sequence = _direct.Next;
        for (var i = 0; i < directs.Count; i++)
        {
            var direct = directs[i];
            sequence++;
            var message = new ChannelMessage
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                ChannelId = null,
                SenderId = direct.SenderId,
                Kind = direct.Kind,
                Title = direct.Title,
                Content = direct.Content,
                Priority = direct.Priority,
                CreatedAt = now,
                Sequence = sequence,
                TraceParent = direct.TraceParent,
            };
            StateManager.SetState(DirectKey(sequence), message);
            pending.Add(sequence);
            _metrics.Appended(message.Priority, message.Kind);
            stored[i] = message;
        }

        var index = _direct with { Next = sequence, Pending = pending };
        StateManager.SetState(DirectIndexKey, index);
        _direct = index;
        return stored;
    }

    private async Task<InboxReadReply> ReadAsync(InboxReadRequest request, CancellationToken cancellationToken)
    {
        var now = Host.Time.GetUtcNow();
        var deliveries = new List<InboxDelivery>(Math.Min(request.Limit, 64));
        await ReadByPriorityAsync(now, request.Limit, deliveries, cancellationToken);

        DateTimeOffset? nextExpiry = null;
        foreach (var lease in _leases.Values)
        {
            if (nextExpiry is null || lease.ExpiresAt < nextExpiry)
            {
                nextExpiry = lease.ExpiresAt;
            }
        }

        return new InboxReadReply(deliveries, nextExpiry);
    }

    private int Acknowledge(InboxAck ack)
    {
        var now = Host.Time.GetUtcNow();
        var settled = new List<string>(ack.DeliveryIds.Count);
        var figures = new ChannelDeliveryBatch(_metrics);
        foreach (var deliveryId in ack.DeliveryIds)
        {
            if (_leases.TryGetValue(deliveryId, out var lease) && !settled.Contains(deliveryId))
            {
                settled.Add(deliveryId);
                figures.Acknowledged(lease.ChannelId, lease.Message.Priority, now - lease.Message.CreatedAt);
            }
        }

        figures.Flush();

        Settle(settled, givenUp: false);
        return settled.Count;
    }

    /// <summary>Hands leased deliveries back: each comes again after <see cref="InboxOptions.NackDelay"/> of its attempt, or is
    /// given up when its priority's attempt budget is spent.</summary>
    private int HandBack(InboxAck nack)
    {
        var now = Host.Time.GetUtcNow();
        var handedBack = new HashSet<string>(StringComparer.Ordinal);
        List<string>? abandoned = null;
        foreach (var deliveryId in nack.DeliveryIds)
        {
            if (!_leases.TryGetValue(deliveryId, out var lease) || !handedBack.Add(deliveryId))
            {
                continue;
            }

            if (lease.Attempt >= _options.MaxAttempts(lease.Message.Priority))
            {
                (abandoned ??= []).Add(deliveryId);
                _metrics.Abandoned(lease.ChannelId, lease.Message.Priority);
                continue;
            }

            lease.ExpiresAt = now + _options.NackDelay(lease.Attempt);
        }

        if (abandoned is not null)
        {
            Settle(abandoned, givenUp: true);
        }

        return handedBack.Count;
    }

    /// <summary>Forgets leases that are done with (acknowledged, or abandoned when <paramref name="givenUp"/>) and moves the
    /// durable cursors past them, recording the outcome for the senders' delivery status.</summary>
    private void Settle(List<string> deliveryIds, bool givenUp)
    {
        if (deliveryIds.Count == 0)
        {
            return;
        }

        var channels = new HashSet<string>(StringComparer.Ordinal);
        List<long>? directDone = null;
        List<SettledDirect>? outcomes = null;
        List<string>? givenUpIds = null;
        foreach (var deliveryId in deliveryIds)
        {
            if (!_leases.Remove(deliveryId, out var lease))
            {
                continue;
            }

            if (lease.ChannelId is { } channelId)
            {
                channels.Add(channelId);
                NoteSettledAhead(channelId, lease.Message.Sequence);
                if (givenUp)
                {
                    (givenUpIds ??= []).Add(deliveryId);
                }
            }
            else
            {
                (directDone ??= []).Add(lease.Message.Sequence);
                StateManager.RemoveState(DirectKey(lease.Message.Sequence));

                // Tasks and requests have their own status; only direct messages keep an outcome for their senders.
                if (lease.Message.Kind == MessageKind.Direct)
                {
                    (outcomes ??= []).Add(new SettledDirect(lease.Message.Sequence, lease.Message.Id, lease.Message.SenderId, givenUp));
                }
            }
        }

        if (givenUpIds is not null)
        {
            RecordGivenUp(givenUpIds);
        }

        if (directDone is not null)
        {
            _direct = new DirectIndex(
                _direct.Next,
                [.. _direct.Pending.Where(s => !directDone.Contains(s))],
                outcomes is null ? _direct.Settled : [.. (_direct.Settled ?? []).Concat(outcomes).TakeLast(SettledDirectMemory)]);
            StateManager.SetState(DirectIndexKey, _direct);
        }

        Dictionary<string, long>? cursors = null;
        foreach (var channelId in channels)
        {
            if (!_cursors.TryGetValue(channelId, out var cursor))
            {
                continue;
            }

            var oldestLeased = long.MaxValue;
            foreach (var lease in _leases.Values)
            {
                if (lease.ChannelId == channelId && lease.Message.Sequence < oldestLeased)
                {
                    oldestLeased = lease.Message.Sequence;
                }
            }

            var next = oldestLeased == long.MaxValue ? _scanned.GetValueOrDefault(channelId, cursor) : oldestLeased - 1;
            if (next > cursor)
            {
                cursors ??= new Dictionary<string, long>(_cursors, StringComparer.Ordinal);
                cursors[channelId] = next;
            }
        }

        if (cursors is not null)
        {
            StateManager.SetState(CursorsKey, cursors);
            _cursors = cursors;
        }
    }

    private void DropChannel(string channelId)
    {
        var cursors = new Dictionary<string, long>(_cursors, StringComparer.Ordinal);
        cursors.Remove(channelId);
        StateManager.SetState(CursorsKey, cursors);
        _cursors = cursors;
        _scanned.Remove(channelId);
        _settledAhead.Remove(channelId);
        foreach (var (deliveryId, lease) in _leases.ToList())
        {
            if (lease.ChannelId == channelId)
            {
                _leases.Remove(deliveryId);
            }
        }
    }

    private sealed class LeaseEntry(string? channelId, ChannelMessage message)
    {
        public string? ChannelId { get; } = channelId;

        public ChannelMessage Message { get; } = message;

        public int Attempt { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
