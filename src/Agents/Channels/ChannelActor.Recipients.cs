namespace AgentPlatform.Agents.Channels;

/// <summary>Who a message of the log is for, for its delivery status.</summary>
internal sealed partial class ChannelActor
{
    /// <remarks>The recipients are the current members who joined before the message, but its sender: a member who left
    /// since no longer follows the channel, so nothing is known of its delivery. A channel without that message answers
    /// <see cref="ChannelStatus.Ok"/> with no message, so the caller needs no second call to tell it from no channel.</remarks>
    private async Task<RecipientsReply> RecipientsAsync(RecipientsQuery query, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return new RecipientsReply(ChannelStatus.NotFound, null, [], false);
        }

        var (found, message) = query.Sequence < 1 || query.Sequence > _head
            ? (false, null)
            : await StateManager.TryGetStateAsync<ChannelMessage>(MessageKey(query.Sequence), cancellationToken);
        if (!found || message is null)
        {
            return new RecipientsReply(ChannelStatus.Ok, null, [], false);
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
