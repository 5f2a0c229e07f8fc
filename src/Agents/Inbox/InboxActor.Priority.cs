using AgentPlatform.Agents.Channels;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Inbox;

/// <summary>The priority merge of one inbox read.</summary>
/// <remarks>
/// A read gathers what is due from every source — expired leases (redeliveries), pending direct messages and tasks, and
/// every channel past its scan position — up to a window of <see cref="InboxOptions.MaxReadLimit"/> per source, so a backlog
/// of one source cannot hide a high-priority message behind it. It then returns high before normal before low, oldest
/// first within a priority, and leases only what it returns. A channel's scan position stops before the first message left
/// out, so what was not returned is read again next time; messages already leased, or acknowledged ahead of the scan
/// position, are skipped. Like leases, what was acknowledged ahead lives in memory: after a restart it may come again.
/// </remarks>
internal sealed partial class InboxActor
{
    // Per channel, sequences past the scan position that were acknowledged (or given up) out of order.
    private readonly Dictionary<string, HashSet<long>> _settledAhead = new(StringComparer.Ordinal);

    private async Task ReadByPriorityAsync(DateTimeOffset now, int limit, List<InboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        var window = Math.Max(limit, _options.MaxReadLimit);
        var candidates = new List<Candidate>();
        CollectRedeliveries(now, window, candidates);

        // New leases may not take the agent past its cap of unacknowledged deliveries; redeliveries hold a lease already.
        var room = Math.Min(window, _options.MaxUnacknowledged - _leases.Count);
        if (room > 0)
        {
            await CollectDirectAsync(room, candidates, cancellationToken);
        }

        var scans = room > 0 ? await CollectChannelsAsync(room, candidates, cancellationToken) : [];

        candidates.Sort(static (a, b) =>
        {
            var order = Rank(a.Message.Priority).CompareTo(Rank(b.Message.Priority));
            if (order != 0)
            {
                return order;
            }

            order = a.Message.CreatedAt.CompareTo(b.Message.CreatedAt);
            return order != 0 ? order : a.Order.CompareTo(b.Order);
        });

        var fresh = 0;
        var figures = new ChannelDeliveryBatch(_metrics);
        foreach (var candidate in candidates)
        {
            if (deliveries.Count >= limit)
            {
                break;
            }

            if (candidate.Lease is { } lease)
            {
                lease.Attempt++;
                lease.ExpiresAt = now + _options.LeaseFor(lease.Attempt);
                deliveries.Add(new InboxDelivery(candidate.DeliveryId, lease.Attempt, lease.Message));
                figures.Delivered(lease.ChannelId, lease.Message.Priority, lease.Attempt, now - lease.Message.CreatedAt);
            }
            else
            {
                if (fresh >= room)
                {
                    continue;
                }

                fresh++;
                _leases[candidate.DeliveryId] = new LeaseEntry(candidate.ChannelId, candidate.Message) { Attempt = 1, ExpiresAt = now + _options.LeaseFor(1) };
                deliveries.Add(new InboxDelivery(candidate.DeliveryId, 1, candidate.Message));
                figures.Delivered(candidate.ChannelId, candidate.Message.Priority, 1, now - candidate.Message.CreatedAt);
            }
        }

        figures.Flush();

        foreach (var (channelId, scan) in scans)
        {
            var firstLeftOut = scan.Messages.FirstOrDefault(m => !IsTaken(channelId, m.Sequence));
            var scanned = firstLeftOut is null ? scan.ScannedThrough : firstLeftOut.Sequence - 1;
            _scanned[channelId] = scanned;
            if (_settledAhead.TryGetValue(channelId, out var ahead))
            {
                ahead.RemoveWhere(sequence => sequence <= scanned);
            }
        }

    }

    private void CollectRedeliveries(DateTimeOffset now, int window, List<Candidate> candidates)
    {
        List<string>? abandoned = null;
        var count = 0;
        foreach (var (deliveryId, lease) in _leases)
        {
            if (lease.ExpiresAt > now)
            {
                continue;
            }

            if (lease.Attempt >= _options.MaxAttempts(lease.Message.Priority))
            {
                (abandoned ??= []).Add(deliveryId);
                continue;
            }

            if (count++ < window)
            {
                candidates.Add(new Candidate(deliveryId, lease.ChannelId, lease.Message, lease, candidates.Count));
            }
        }

        if (abandoned is not null)
        {
            foreach (var deliveryId in abandoned)
            {
                var lease = _leases[deliveryId];
                _metrics.Abandoned(lease.ChannelId, lease.Message.Priority);
            }

            Settle(abandoned, givenUp: true);
        }
    }

    private async Task CollectDirectAsync(int room, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var sequence in _direct.Pending)
        {
            if (taken >= room)
            {
                return;
            }

            var deliveryId = DirectDeliveryId(sequence);
            if (_leases.ContainsKey(deliveryId))
            {
                continue;
            }

            var (found, message) = await StateManager.TryGetStateAsync<ChannelMessage>(DirectKey(sequence), cancellationToken);
            if (found && message is not null)
            {
                candidates.Add(new Candidate(deliveryId, null, message, null, candidates.Count));
                taken++;
            }
        }
    }

    /// <summary>Reads every channel past its scan position; returns each channel's page, to move the scan positions once the
    /// read has chosen what it returns.</summary>
    private async Task<List<(string ChannelId, LogReply Scan)>> CollectChannelsAsync(int room, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var scans = new List<(string, LogReply)>();
        List<string>? gone = null;
        foreach (var (channelId, acknowledged) in _cursors)
        {
            var after = Math.Max(acknowledged, _scanned.GetValueOrDefault(channelId, acknowledged));
            var reply = await Host.Runtime.InvokeAsync<LogQuery, LogReply>(
                ActorId.Create(ChannelActor.TypeName, channelId), ChannelActor.ReadMethod, new LogQuery(AgentId, after, room, ExcludeOwn: true), cancellationToken);
            if (reply.Status is ChannelStatus.NotFound or ChannelStatus.NotMember)
            {
                (gone ??= []).Add(channelId);
                continue;
            }

            foreach (var message in reply.Messages)
            {
                if (!IsTaken(channelId, message.Sequence))
                {
                    candidates.Add(new Candidate(ChannelDeliveryId(channelId, message.Sequence), channelId, message, null, candidates.Count));
                }
            }

            scans.Add((channelId, reply));
        }

        foreach (var channelId in gone ?? [])
        {
            DropChannel(channelId);
        }

        return scans;
    }

    /// <summary>Whether a channel message is leased or was settled ahead of the scan position, so a read must not hand it out.</summary>
    private bool IsTaken(string channelId, long sequence) =>
        _leases.ContainsKey(ChannelDeliveryId(channelId, sequence))
        || (_settledAhead.TryGetValue(channelId, out var ahead) && ahead.Contains(sequence));

    private void NoteSettledAhead(string channelId, long sequence)
    {
        if (sequence <= _scanned.GetValueOrDefault(channelId, long.MaxValue))
        {
            return;
        }

        if (!_settledAhead.TryGetValue(channelId, out var ahead))
        {
            ahead = [];
            _settledAhead[channelId] = ahead;
        }

        ahead.Add(sequence);
    }

    private static int Rank(MessagePriority priority) => priority switch
    {
        MessagePriority.High => 0,
        MessagePriority.Normal => 1,
        _ => 2,
    };

    /// <summary>A delivery a read may return: a redelivery (with its <see cref="Lease"/>) or a new one.</summary>
    private sealed record Candidate(string DeliveryId, string? ChannelId, ChannelMessage Message, LeaseEntry? Lease, int Order);
}
