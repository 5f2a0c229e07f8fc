namespace AgentPlatform.Agents.Channels;

/// <summary>Who a message of the log is for, for its delivery status.</summary>
internal sealed partial class ChannelActor
{
    /// <remarks>The recipients are the current members who joined before the message, but its sender: a member who left
    /// since no longer follows the channel, so nothing is known of its delivery.</remarks>
    private async Task<RecipientsReply> RecipientsAsync(RecipientsQuery query, CancellationToken cancellationToken)
    {
        if (_profile is null || query.Sequence < 1 || query.Sequence > _head)
        {
            return new RecipientsReply(ChannelStatus.NotFound, null, [], false);
        }

        var (found, message) = await StateManager.TryGetStateAsync<ChannelMessage>(MessageKey(query.Sequence), cancellationToken);
        if (!found || message is null)
        {
            return new RecipientsReply(ChannelStatus.NotFound, null, [], false);
        }

        var recipients = _members
            .Where(member => member.Value.JoinSequence < query.Sequence && member.Key != message.SenderId
                && (query.After is null || string.CompareOrdinal(member.Key, query.After) > 0))
            .Select(member => member.Key)
            .Order(StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var more = recipients.Count > query.Limit;
        if (more)
        {
            recipients.RemoveAt(recipients.Count - 1);
        }

        return new RecipientsReply(ChannelStatus.Ok, message, recipients, more);
    }
}
