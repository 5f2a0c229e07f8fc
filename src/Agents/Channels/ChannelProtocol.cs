using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Channels;

// The messages exchanged with the channel actors. They cross a process boundary under Dapr, so they are plain JSON records.

/// <summary>How a channel actor call went.</summary>
internal enum ChannelStatus
{
    Ok,
    Created,
    NotFound,
    NotMember,
    Conflict,
    Cooldown,
}

/// <summary>Creates a channel with its creator as first member.</summary>
internal sealed record CreateChannel(ChannelProfile Profile, string? TraceParent);

/// <summary>The answer to create, get, join and leave.</summary>
internal sealed record ChannelReply(ChannelStatus Status, ChannelInfo? Info, long JoinSequence = 0);

/// <summary>An agent joining or leaving.</summary>
internal sealed record MembershipChange(string AgentId, string? TraceParent);

/// <summary>One post waiting to be appended.</summary>
internal sealed record PostCommand(string SenderId, string Title, string Content, MessagePriority Priority, string? TraceParent);

/// <summary>Posts appended in one turn and committed together.</summary>
internal sealed record PostBatch(IReadOnlyList<PostCommand> Posts);

/// <summary>The outcome of one post of a batch.</summary>
internal sealed record PostResult(ChannelStatus Status, ChannelMessage? Message, TimeSpan RetryAfter);

/// <summary>The outcomes of a batch, in order.</summary>
internal sealed record PostBatchReply(IReadOnlyList<PostResult> Results);

/// <summary>Reads the log after a sequence; <paramref name="ExcludeOwn"/> skips the reader's own messages; <paramref name="Observer"/>
/// reads without being a member (the operator).</summary>
internal sealed record LogQuery(string ReaderId, long After, int Limit, bool ExcludeOwn, bool Observer = false);

/// <summary>A page of the log; <paramref name="ScannedThrough"/> is the last sequence looked at.</summary>
internal sealed record LogReply(ChannelStatus Status, IReadOnlyList<ChannelMessage> Messages, long ScannedThrough, long Head);

/// <summary>A member's durable record.</summary>
internal sealed record ChannelMember(
    [property: JsonPropertyName("joined_at")] DateTimeOffset JoinedAt,
    [property: JsonPropertyName("join_sequence")] long JoinSequence);
