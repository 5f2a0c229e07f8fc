namespace AgentPlatform.Agents.Channels;

/// <summary>A page of a channel log in sequence order.</summary>
/// <param name="Messages">The messages.</param>
/// <param name="NextCursor">The sequence to pass as <c>after</c> next time: the last one returned, or the given cursor when nothing was.</param>
public sealed record ChannelLogPage(IReadOnlyList<ChannelMessage> Messages, long NextCursor);
