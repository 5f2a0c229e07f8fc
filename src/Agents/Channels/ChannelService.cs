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

    internal ChannelService(
        IActorRuntime runtime, ChannelPostBatcher batcher, IOptions<ChannelOptions> options, TimeProvider time, ILogger<ChannelService> logger)
    {
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
    public async Task<ChannelInfo> CreateAsync(ChannelId id, string name, string? description, string creatorId, CancellationToken cancellationToken = default)
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
        return result.Status switch
        {
            ChannelStatus.Ok => result.Message!,
            ChannelStatus.NotFound => throw new ChannelNotFoundException(id.Value),
            ChannelStatus.NotMember => throw new NotChannelMemberException(id.Value, senderId),
            ChannelStatus.Cooldown => throw new PostCooldownException(id.Value, senderId, result.RetryAfter),
            _ => throw new InvalidOperationException($"Unexpected post status {result.Status}."),
        };
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
