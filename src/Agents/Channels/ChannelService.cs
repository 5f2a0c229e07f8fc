using System.Text.Json;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Channels;

/// <summary>Creates, lists, joins and leaves channels, posts to them and reads their logs.</summary>
/// <remarks>A post returns once it is durable. It reaches every member but the sender through their inboxes
/// (<see cref="InboxService"/>), at least once. Concurrent posts to one channel are committed together.</remarks>
public sealed class ChannelService
{
    private readonly IActorRuntime _runtime;
    private readonly ChannelPostBatcher _batcher;
    private readonly ChannelOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelService> _logger;
    private readonly ChannelMetrics _metrics;

    internal ChannelService(
        IActorRuntime runtime,
        ChannelPostBatcher batcher,
        IOptions<ChannelOptions> options,
        TimeProvider time,
        ChannelMetrics metrics,
        ILogger<ChannelService> logger)
    {
        _metrics = metrics;
        _runtime = runtime;
        _batcher = batcher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The options in force, for edge validation.</summary>
    public ChannelOptions Options => _options;

    /// <summary>Creates a channel; its creator becomes the first member.</summary>
    /// <exception cref="ChannelAlreadyExistsException">The id is taken.</exception>
    public Task<ChannelInfo> CreateAsync(ChannelId id, string name, string? description, string creatorId, CancellationToken cancellationToken = default) =>
        CreateAsync(id, name, description, creatorId, publishToTopic: false, cancellationToken);

    /// <summary>Creates a channel; its creator becomes the first member. With <paramref name="publishToTopic"/>, every message
    /// of its log is also published on <see cref="ChannelTopic.For"/>.</summary>
    /// <exception cref="ChannelAlreadyExistsException">The id is taken.</exception>
    public async Task<ChannelInfo> CreateAsync(
        ChannelId id, string name, string? description, string creatorId, bool publishToTopic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(creatorId);
        var profile = new ChannelProfile
        {
            Id = id.Value,
            Name = name,
            Description = description ?? string.Empty,
            CreatedBy = creatorId,
            CreatedAt = _time.GetUtcNow(),
            PublishToTopic = publishToTopic,
        };
        var reply = await _runtime.InvokeAsync<CreateChannel, ChannelReply>(Channel(id), ChannelActor.CreateMethod, new CreateChannel(profile, TraceContext.Current()), cancellationToken);
        await _runtime.InvokeAsync(Directory, ChannelDirectoryActor.AddMethod, id.Value, cancellationToken);
        if (reply.Status == ChannelStatus.Conflict)
        {
            throw new ChannelAlreadyExistsException(id.Value);
        }

        await SubscribeAsync(creatorId, id, reply.JoinSequence, cancellationToken);
        Log.ChannelCreated(_logger, id.Value, creatorId);
        return reply.Info!;
    }

    /// <summary>Reads a channel's profile, member count and last sequence.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task<ChannelInfo> GetAsync(ChannelId id, CancellationToken cancellationToken = default)
    {
        var reply = await _runtime.InvokeAsync<ChannelReply>(Channel(id), ChannelActor.GetMethod, cancellationToken);
        return reply.Status == ChannelStatus.NotFound ? throw new ChannelNotFoundException(id.Value) : reply.Info!;
    }

    /// <summary>Lists channels in id order, <paramref name="limit"/> at a time, starting after the id <paramref name="after"/>.</summary>
    public async Task<ChannelPage> ListAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var page = await _runtime.InvokeAsync<DirectoryQuery, DirectoryPage>(Directory, ChannelDirectoryActor.ListMethod, new DirectoryQuery(after, limit), cancellationToken);
        var channels = new List<ChannelInfo>(page.Ids.Count);
        foreach (var channelId in page.Ids)
        {
            var reply = await _runtime.InvokeAsync<ChannelReply>(Channel(ChannelId.Create(channelId)), ChannelActor.GetMethod, cancellationToken);
            if (reply.Info is { } info)
            {
                channels.Add(info);
            }
        }

        return new ChannelPage(channels, page.HasMore && page.Ids.Count > 0 ? page.Ids[^1] : null);
    }

    /// <summary>Adds <paramref name="agentId"/> to the channel, announces it with a system message and starts its inbox
    /// following the channel from there. Joining again changes nothing.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task<ChannelJoinResult> JoinAsync(ChannelId id, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        var reply = await _runtime.InvokeAsync<MembershipChange, ChannelReply>(Channel(id), ChannelActor.JoinMethod, new MembershipChange(agentId, TraceContext.Current()), cancellationToken);
        if (reply.Status == ChannelStatus.NotFound)
        {
            throw new ChannelNotFoundException(id.Value);
        }

        // Also on a repeated join: this repairs a join interrupted between the channel and the inbox.
        await SubscribeAsync(agentId, id, reply.JoinSequence, cancellationToken);
        if (reply.Status == ChannelStatus.Created)
        {
            Log.MemberJoined(_logger, id.Value, agentId);
        }

        return new ChannelJoinResult(reply.Status == ChannelStatus.Created, reply.Info!);
    }

    /// <summary>Removes <paramref name="agentId"/> from the channel (announced as a system message) and stops its inbox
    /// following it. Leaving a channel one is not a member of changes nothing.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task LeaveAsync(ChannelId id, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        var reply = await _runtime.InvokeAsync<MembershipChange, ChannelReply>(Channel(id), ChannelActor.LeaveMethod, new MembershipChange(agentId, TraceContext.Current()), cancellationToken);
        if (reply.Status == ChannelStatus.NotFound)
        {
            throw new ChannelNotFoundException(id.Value);
        }

        await _runtime.InvokeAsync(Inbox(agentId), InboxActor.UnsubscribeMethod, id.Value, cancellationToken);
        Log.MemberLeft(_logger, id.Value, agentId);
    }

    /// <summary>Appends a post to the channel log; returns once it is durable.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="NotChannelMemberException">The sender is not a member.</exception>
    /// <exception cref="PostCooldownException">The sender posted to this channel less than <see cref="ChannelOptions.PostCooldown"/> ago.</exception>
    public async Task<ChannelMessage> PostAsync(
        ChannelId id, string senderId, string? title, string content, MessagePriority priority = MessagePriority.Normal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(senderId);
        ArgumentNullException.ThrowIfNull(content);
        var result = await _batcher.PostAsync(id, new PostCommand(senderId, title ?? string.Empty, content, priority, TraceContext.Current()))
            .WaitAsync(cancellationToken);
        return MessageOf(id, senderId, result);
    }

    private static ChannelMessage MessageOf(ChannelId id, string senderId, PostResult result) => result.Status switch
    {
        ChannelStatus.Ok => result.Message!,
        ChannelStatus.NotFound => throw new ChannelNotFoundException(id.Value),
        ChannelStatus.NotMember => throw new NotChannelMemberException(id.Value, senderId),
        ChannelStatus.Cooldown => throw new PostCooldownException(id.Value, senderId, result.RetryAfter),
        _ => throw new InvalidOperationException($"Unexpected post status {result.Status}."),
    };

    /// <summary>Appends a post to the channel log once per <paramref name="key"/> of the sender: a post with a key the sender used
    /// before appends nothing and answers the message appended first; returns once it is durable. <paramref name="metadata"/> (a JSON
    /// object) is kept with the message (see <see cref="ChannelMessage.Metadata"/>).</summary>
    /// <remarks>For a sender that may post the same thing again after a crash (an answer to a message it had not yet acknowledged):
    /// the key is recorded in the commit that appends the message, so no crash can leave the message without it.</remarks>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="NotChannelMemberException">The sender is not a member.</exception>
    /// <exception cref="PostCooldownException">The sender posted to this channel less than <see cref="ChannelOptions.PostCooldown"/> ago.</exception>
    public async Task<ChannelMessage> PostOnceAsync(
        ChannelId id, string senderId, string key, string? title, string content, MessagePriority priority = MessagePriority.Normal,
        JsonElement? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(senderId);
        ArgumentNullException.ThrowIfNull(content);
        var result = await _batcher.PostAsync(id, new PostCommand(senderId, title ?? string.Empty, content, priority, TraceContext.Current(), key, metadata))
            .WaitAsync(cancellationToken);
        return MessageOf(id, senderId, result);
    }

    /// <summary>The message <paramref name="senderId"/> posted with <paramref name="key"/> (see <see cref="PostOnceAsync"/>), or null
    /// when it posted none; one call of the channel, whatever the length of its log.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task<ChannelMessage?> FindPostAsync(ChannelId id, string senderId, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(senderId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var reply = await _runtime.InvokeAsync<PostKeyQuery, PostResult>(
            Channel(id), ChannelActor.FindPostMethod, new PostKeyQuery(senderId, key), cancellationToken);
        return reply.Status == ChannelStatus.NotFound ? throw new ChannelNotFoundException(id.Value) : reply.Message;
    }

    /// <summary>Appends a <c>system</c> message to the channel log on behalf of the platform (<paramref name="senderId"/>, such as
    /// <c>platform</c>): it needs no membership and is not subject to the post cooldown or rate limits; returns once it is durable.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task AnnounceAsync(ChannelId id, string senderId, string title, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(senderId);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(content);
        var reply = await _runtime.InvokeAsync<AnnounceCommand, ChannelReply>(
            Channel(id), ChannelActor.AnnounceMethod, new AnnounceCommand(senderId, title, content, TraceContext.Current()), cancellationToken);
        if (reply.Status == ChannelStatus.NotFound)
        {
            throw new ChannelNotFoundException(id.Value);
        }
    }

    /// <summary>Reads up to <paramref name="limit"/> messages after sequence <paramref name="after"/>.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="NotChannelMemberException">The reader is not a member.</exception>
    public async Task<ChannelLogPage> ReadAsync(ChannelId id, string readerId, long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(readerId);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, _options.MaxReadLimit);
        return await ReadLogAsync(id, new LogQuery(readerId, after, limit, ExcludeOwn: false), cancellationToken);
    }

    /// <summary>Reads the last <paramref name="limit"/> sequences of the log (fewer messages when some of them are gone), oldest first,
    /// in one call of the channel.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="NotChannelMemberException">The reader is not a member.</exception>
    public async Task<ChannelLogPage> ReadLatestAsync(ChannelId id, string readerId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(readerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, _options.MaxReadLimit);
        return await ReadLogAsync(id, new LogQuery(readerId, 0, limit, ExcludeOwn: false, Latest: true), cancellationToken);
    }

    /// <summary>Reads up to <paramref name="limit"/> messages after sequence <paramref name="after"/> without being a member, for the
    /// operator's view of a channel; it changes nothing (no membership, no cursor).</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task<ChannelLogPage> ObserveAsync(ChannelId id, long after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, _options.MaxReadLimit);
        return await ReadLogAsync(id, new LogQuery(string.Empty, after, limit, ExcludeOwn: false, Observer: true), cancellationToken);
    }

    /// <summary>Changes a channel's name, description or topic publishing; null values stay as they are.</summary>
    /// <param name="id">The channel.</param>
    /// <param name="requesterId">The agent asking, which must be the channel's creator; null for the operator.</param>
    /// <param name="name">The new display name, or null.</param>
    /// <param name="description">The new description, or null.</param>
    /// <param name="publishToTopic">Whether to publish to the channel topic from the next commit on, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="ChannelAccessDeniedException"><paramref name="requesterId"/> did not create the channel.</exception>
    public async Task<ChannelInfo> UpdateAsync(
        ChannelId id, string? requesterId, string? name, string? description, bool? publishToTopic, CancellationToken cancellationToken = default)
    {
        var reply = await _runtime.InvokeAsync<UpdateChannel, ChannelReply>(
            Channel(id), ChannelActor.UpdateMethod, new UpdateChannel(requesterId, name, description, publishToTopic), cancellationToken);
        return reply.Status switch
        {
            ChannelStatus.NotFound => throw new ChannelNotFoundException(id.Value),
            ChannelStatus.Forbidden => throw new ChannelAccessDeniedException($"Only the creator of '{id.Value}' or the operator may change it."),
            _ => reply.Info!,
        };
    }

    /// <summary>The delivery status of message <paramref name="sequence"/> of a channel, per recipient, asked of each
    /// recipient's inbox (wherever it is hosted).</summary>
    /// <param name="id">The channel.</param>
    /// <param name="sequence">The message's sequence in the log.</param>
    /// <param name="requesterId">The agent asking, which must be the message's sender; null for the operator.</param>
    /// <param name="after">Recipients after this agent id (the previous page's cursor), or null from the start.</param>
    /// <param name="limit">The most recipients to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status, or null when the channel has no message <paramref name="sequence"/>.</returns>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    /// <exception cref="ChannelAccessDeniedException"><paramref name="requesterId"/> did not send the message.</exception>
    public async Task<MessageDelivery?> GetDeliveryAsync(
        ChannelId id, long sequence, string? requesterId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var reply = await _runtime.InvokeAsync<RecipientsQuery, RecipientsReply>(
            Channel(id), ChannelActor.RecipientsMethod, new RecipientsQuery(sequence, after, limit), cancellationToken);
        if (reply.Status == ChannelStatus.NotFound)
        {
            throw new ChannelNotFoundException(id.Value);
        }

        if (reply.Message is not { } message)
        {
            return null;
        }

        if (requesterId is not null && requesterId != message.SenderId)
        {
            throw new ChannelAccessDeniedException($"Only the sender of a message or the operator may read its delivery status.");
        }

        var recipients = new RecipientDelivery[reply.Recipients.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, recipients.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => recipients[i] = (await _runtime.InvokeAsync<DeliveryQuery, DeliveryReply>(
                Inbox(reply.Recipients[i]), InboxActor.StatusMethod, new DeliveryQuery(id.Value, sequence), token)).Delivery);
        return new MessageDelivery(message.Id, id.Value, sequence, message.SenderId, recipients, reply.More ? reply.Recipients[^1] : null);
    }

    /// <summary>The channel's volume and priority mix from its durable log, and its delivery figures counted in this process.</summary>
    /// <exception cref="ChannelNotFoundException">No such channel.</exception>
    public async Task<ChannelMetricsReport> GetMetricsAsync(ChannelId id, CancellationToken cancellationToken = default)
    {
        var reply = await _runtime.InvokeAsync<TallyReply>(Channel(id), ChannelActor.TallyMethod, cancellationToken);
        if (reply.Info is not { } info || reply.Tally is not { } tally)
        {
            throw new ChannelNotFoundException(id.Value);
        }

        var posts = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [MessagePriority.High.ToWire()] = tally.High,
            [MessagePriority.Normal.ToWire()] = tally.Normal,
            [MessagePriority.Low.ToWire()] = tally.Low,
        };
        return new ChannelMetricsReport(
            id.Value, info.LastSequence, posts, tally.System, tally.CountedFrom, info.MemberCount, _metrics.DeliveriesOf(id.Value), _metrics.CountingSince);
    }

    private async Task<ChannelLogPage> ReadLogAsync(ChannelId id, LogQuery query, CancellationToken cancellationToken)
    {
        var reply = await _runtime.InvokeAsync<LogQuery, LogReply>(Channel(id), ChannelActor.ReadMethod, query, cancellationToken);
        return reply.Status switch
        {
            ChannelStatus.NotFound => throw new ChannelNotFoundException(id.Value),
            ChannelStatus.NotMember => throw new NotChannelMemberException(id.Value, query.ReaderId),
            _ => new ChannelLogPage(reply.Messages, reply.Messages.Count > 0 ? reply.Messages[^1].Sequence : query.After),
        };
    }

    private static ActorId Directory => ActorId.Create(ChannelDirectoryActor.TypeName, ChannelDirectoryActor.SingletonKey);

    private static ActorId Channel(ChannelId id) => ActorId.Create(ChannelActor.TypeName, id.Value);

    private static ActorId Inbox(string agentId) => ActorId.Create(InboxActor.TypeName, agentId);

    private async Task SubscribeAsync(string agentId, ChannelId id, long fromSequence, CancellationToken cancellationToken) =>
        await _runtime.InvokeAsync(Inbox(agentId), InboxActor.SubscribeMethod, new InboxSubscribe(id.Value, fromSequence), cancellationToken);
}
