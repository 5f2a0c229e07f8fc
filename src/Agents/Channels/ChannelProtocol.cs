using System.Text.Json;
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
    Forbidden,
}

/// <summary>Creates a channel with its creator as first member.</summary>
internal sealed record CreateChannel(ChannelProfile Profile, string? TraceParent);

/// <summary>The answer to create, get, join and leave.</summary>
internal sealed record ChannelReply(ChannelStatus Status, ChannelInfo? Info, long JoinSequence = 0);

/// <summary>An agent joining or leaving.</summary>
internal sealed record MembershipChange(string AgentId, string? TraceParent);

/// <summary>One post waiting to be appended; with a <paramref name="Key"/>, a post of the same sender with the same key is appended only
/// once, and every later one is answered with the message appended first. <paramref name="Metadata"/> is kept with the message.</summary>
internal sealed record PostCommand(
    string SenderId, string Title, string Content, MessagePriority Priority, string? TraceParent, string? Key = null, JsonElement? Metadata = null);

/// <summary>Asks for the message sender <paramref name="SenderId"/> posted with key <paramref name="Key"/>.</summary>
internal sealed record PostKeyQuery(string SenderId, string Key);

/// <summary>A system message from the platform (<paramref name="SenderId"/> names the speaker): no cooldown, no membership needed.</summary>
internal sealed record AnnounceCommand(string SenderId, string Title, string Content, string? TraceParent);

/// <summary>Posts appended in one turn and committed together.</summary>
internal sealed record PostBatch(IReadOnlyList<PostCommand> Posts);

/// <summary>The outcome of one post of a batch.</summary>
internal sealed record PostResult(ChannelStatus Status, ChannelMessage? Message, TimeSpan RetryAfter);

/// <summary>The outcomes of a batch, in order.</summary>
internal sealed record PostBatchReply(IReadOnlyList<PostResult> Results);

/// <summary>Reads the log after a sequence; <paramref name="ExcludeOwn"/> skips the reader's own messages; <paramref name="Observer"/>
/// reads without being a member (the operator); <paramref name="Latest"/> reads the last <paramref name="Limit"/> sequences of the
/// log instead, whatever <paramref name="After"/> is.</summary>
internal sealed record LogQuery(string ReaderId, long After, int Limit, bool ExcludeOwn, bool Observer = false, bool Latest = false);

/// <summary>A page of the log; <paramref name="ScannedThrough"/> is the last sequence looked at.</summary>
internal sealed record LogReply(ChannelStatus Status, IReadOnlyList<ChannelMessage> Messages, long ScannedThrough, long Head);

/// <summary>A member's durable record.</summary>
internal sealed record ChannelMember(
    [property: JsonPropertyName("joined_at")] DateTimeOffset JoinedAt,
    [property: JsonPropertyName("join_sequence")] long JoinSequence);

/// <summary>Changes a channel's profile; null fields stay as they are. Only its creator or the operator may.</summary>
internal sealed record UpdateChannel(string? RequesterId, string? Name, string? Description, bool? PublishToTopic);

/// <summary>Asks which members a message is for: the members who joined before it, but its sender, in id order, after
/// <paramref name="After"/>, at most <paramref name="Limit"/>.</summary>
internal sealed record RecipientsQuery(long Sequence, string? After, int Limit);

/// <summary>The message a <see cref="RecipientsQuery"/> asked about (null when the channel has no such message) and a page of
/// its recipients; <paramref name="More"/> when the page was cut at the limit.</summary>
internal sealed record RecipientsReply(ChannelStatus Status, ChannelMessage? Message, IReadOnlyList<string> Recipients, bool More);

/// <summary>A channel's profile and its durable message counts.</summary>
internal sealed record TallyReply(ChannelStatus Status, ChannelInfo? Info, ChannelTally? Tally);

/// <summary>The durable counts of a channel log, written with every commit, and how far its outbound events are published.</summary>
/// <param name="Published">The last sequence whose events (wake-ups, topic messages) the broker accepted when the commit was made.</param>
/// <param name="High">Posts of high priority appended since <paramref name="CountedFrom"/>.</param>
/// <param name="Normal">Posts of normal priority appended since <paramref name="CountedFrom"/>.</param>
/// <param name="Low">Posts of low priority appended since <paramref name="CountedFrom"/>.</param>
/// <param name="System">System announcements (create, join, leave) appended since <paramref name="CountedFrom"/>.</param>
/// <param name="CountedFrom">The sequence after which the counts start (0 for channels created with them; a channel older
/// than the counts starts at its head when first loaded).</param>
internal sealed record ChannelTally(
    [property: JsonPropertyName("published")] long Published,
    [property: JsonPropertyName("high")] long High,
    [property: JsonPropertyName("normal")] long Normal,
    [property: JsonPropertyName("low")] long Low,
    [property: JsonPropertyName("system")] long System,
    [property: JsonPropertyName("counted_from")] long CountedFrom)
{
    /// <summary>The counts with <paramref name="messages"/> added.</summary>
    public ChannelTally Add(IEnumerable<ChannelMessage> messages)
    {
        var (high, normal, low, system) = (High, Normal, Low, System);
        foreach (var message in messages)
        {
            if (message.Kind == MessageKind.System)
            {
                system++;
            }
            else if (message.Priority == MessagePriority.High)
            {
                high++;
            }
            else if (message.Priority == MessagePriority.Low)
            {
                low++;
            }
            else
            {
                normal++;
            }
        }

        return this with { High = high, Normal = normal, Low = low, System = system };
    }
}
