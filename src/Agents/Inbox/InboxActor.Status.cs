using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Delivery status for senders, derived from the durable cursors and index and the in-memory leases.</summary>
/// <remarks>Nothing is written per delivery for it: a channel message is acknowledged once the cursor passed it (or it was
/// acknowledged ahead of the cursor since the inbox was loaded); leases and attempts are known since the inbox was loaded;
/// the last <see cref="SettledMemory"/> given-up channel deliveries are remembered durably, as are the outcomes of the last
/// <see cref="SettledDirectMemory"/> direct messages (not tasks or requests, which have their own status), in writes the
/// settling already makes; the direct index is rewritten with every direct message, so that memory is kept small.</remarks>
internal sealed partial class InboxActor
{
    /// <summary>How many given-up channel deliveries an inbox remembers.</summary>
    public const int SettledMemory = 256;

    /// <summary>How many settled direct messages an inbox remembers the outcome of.</summary>
    public const int SettledDirectMemory = 64;

    private const string GivenUpKey = "given-up";

    private List<string> _givenUp = [];

    private async Task<DeliveryReply> StatusAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        if (query.ChannelId is { } channelId)
        {
            return new DeliveryReply(ChannelDelivery(channelId, query.Sequence));
        }

        var deliveryId = DirectDeliveryId(query.Sequence);
        if (_leases.TryGetValue(deliveryId, out var lease))
        {
            return new DeliveryReply(Leased(lease), lease.Message.SenderId, lease.Message.Id);
        }

        if (_direct.Pending.Contains(query.Sequence))
        {
            var (found, message) = await StateManager.TryGetStateAsync<ChannelMessage>(DirectKey(query.Sequence), cancellationToken);
            return new DeliveryReply(Status(DeliveryState.Pending), found ? message?.SenderId : null, found ? message?.Id : null);
        }

        return (_direct.Settled ?? []).FirstOrDefault(settled => settled.Sequence == query.Sequence) is { } done
            ? new DeliveryReply(Status(done.GivenUp ? DeliveryState.GivenUp : DeliveryState.Acknowledged), done.SenderId, done.MessageId)
            : new DeliveryReply(Status(DeliveryState.Unknown));
    }

    private RecipientDelivery ChannelDelivery(string channelId, long sequence)
    {
        var deliveryId = ChannelDeliveryId(channelId, sequence);
        if (_leases.TryGetValue(deliveryId, out var lease))
        {
            return Leased(lease);
        }

        if (_givenUp.Contains(deliveryId))
        {
            return Status(DeliveryState.GivenUp);
        }

        var settled = (_cursors.TryGetValue(channelId, out var cursor) && sequence <= cursor)
            || (_settledAhead.TryGetValue(channelId, out var ahead) && ahead.Contains(sequence));
        return Status(settled ? DeliveryState.Acknowledged : DeliveryState.Pending);
    }

    private RecipientDelivery Leased(LeaseEntry lease) => new(AgentId, DeliveryState.Leased, lease.Attempt, lease.ExpiresAt, _loadedAt);

    private RecipientDelivery Status(DeliveryState state) => new(AgentId, state, null, null, _loadedAt);

    private void RecordGivenUp(List<string> deliveryIds)
    {
        _givenUp = [.. _givenUp.Concat(deliveryIds).TakeLast(SettledMemory)];
        StateManager.SetState(GivenUpKey, _givenUp);
    }
}
