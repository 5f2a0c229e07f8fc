namespace AgentPlatform.Agents.Channels;

/// <summary>Keyed posts: a sender that may post the same thing twice (an answer made again after a crash) gives it a key, and the
/// sequence of the message appended with it is written in the same commit, so a second post with the key appends nothing.</summary>
internal sealed partial class ChannelActor
{
    private async Task<PostResult> FindPostAsync(PostKeyQuery query, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return new PostResult(ChannelStatus.NotFound, null, TimeSpan.Zero);
        }

        var earlier = await EarlierPostAsync(query.SenderId, query.Key, null, cancellationToken);
        return new PostResult(ChannelStatus.Ok, earlier, TimeSpan.Zero);
    }

    /// <summary>The message <paramref name="senderId"/> posted with <paramref name="key"/>: one appended earlier in this batch
    /// (<paramref name="batch"/>) or committed before; null when there is none.</summary>
    private async Task<ChannelMessage?> EarlierPostAsync(
        string senderId, string key, Dictionary<string, ChannelMessage>? batch, CancellationToken cancellationToken)
    {
        var stateKey = PostedKey(senderId, key);
        if (batch is not null && batch.TryGetValue(stateKey, out var inBatch))
        {
            return inBatch;
        }

        var (found, sequence) = await StateManager.TryGetStateAsync<long>(stateKey, cancellationToken);
        if (!found)
        {
            return null;
        }

        var (stored, message) = await StateManager.TryGetStateAsync<ChannelMessage>(MessageKey(sequence), cancellationToken);
        return stored ? message : null;
    }

    private static string PostedKey(string senderId, string key) => $"posted/{senderId}/{key}";
}
