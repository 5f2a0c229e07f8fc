using System.Globalization;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Channels;

/// <summary>One channel: profile, members, sequence counter and the durable message log, one state key per message.</summary>
/// <remarks>Appending writes the new messages, the head sequence, the log's counts and the posters' cooldown stamps in one
/// commit; nothing is rewritten, so a post costs the same however long the log is. Fan-out costs no write: members' inboxes keep
/// a cursor into this log and are woken after the commit, in process at once and, with several replicas or a channel topic,
/// through the outbox (<c>ChannelActor.Outbound.cs</c>), which survives a crash.</remarks>
internal sealed partial class ChannelActor : Actor
{
    public const string TypeName = "channel";
    public const string CreateMethod = "create";
    public const string GetMethod = "get";
    public const string JoinMethod = "join";
    public const string LeaveMethod = "leave";
    public const string PostMethod = "post";
    public const string ReadMethod = "read";
    public const string UpdateMethod = "update";
    public const string RecipientsMethod = "recipients";
    public const string TallyMethod = "tally";
    public const string AnnounceMethod = "announce";
    public const string FindPostMethod = "find-post";

    private const string ProfileKey = "profile";
    private const string MembersKey = "members";
    private const string HeadKey = "head";

    private readonly ChannelOptions _options;
    private readonly InboxSignals _signals;
    private readonly ChannelMetrics _metrics;
    private readonly ChannelContext _context;
    private readonly Dictionary<string, DateTimeOffset?> _lastPosts = new(StringComparer.Ordinal);
    private ChannelProfile? _profile;
    private Dictionary<string, ChannelMember> _members = new(StringComparer.Ordinal);
    private long _head;

    public ChannelActor(ActorHost host, ChannelContext context)
        : base(host)
    {
        _options = context.Channels;
        _signals = context.Signals;
        _metrics = context.Metrics;
        _context = context;
    }

    public static string MessageKey(long sequence) => string.Create(CultureInfo.InvariantCulture, $"msg/{sequence}");

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        _profile = await StateManager.GetStateOrDefaultAsync<ChannelProfile?>(ProfileKey, null, cancellationToken);
        var members = await StateManager.GetStateOrDefaultAsync<Dictionary<string, ChannelMember>?>(MembersKey, null, cancellationToken);
        _members = members is null ? new(StringComparer.Ordinal) : new(members, StringComparer.Ordinal);
        _head = await StateManager.GetStateOrDefaultAsync(HeadKey, 0L, cancellationToken);
        await LoadOutboundAsync(cancellationToken);
    }

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        CreateMethod => await CreateAsync(ActorPayload.Read<CreateChannel>(call), cancellationToken),
        GetMethod => _profile is null ? NotFound() : Reply(ChannelStatus.Ok),
        JoinMethod => await JoinAsync(ActorPayload.Read<MembershipChange>(call), cancellationToken),
        LeaveMethod => await LeaveAsync(ActorPayload.Read<MembershipChange>(call), cancellationToken),
        PostMethod => await PostAsync(ActorPayload.Read<PostBatch>(call), cancellationToken),
        ReadMethod => await ReadAsync(ActorPayload.Read<LogQuery>(call), cancellationToken),
        UpdateMethod => Update(ActorPayload.Read<UpdateChannel>(call)),
        RecipientsMethod => await RecipientsAsync(ActorPayload.Read<RecipientsQuery>(call), cancellationToken),
        AnnounceMethod => await AnnounceAsync(ActorPayload.Read<AnnounceCommand>(call), cancellationToken),
        FindPostMethod => await FindPostAsync(ActorPayload.Read<PostKeyQuery>(call), cancellationToken),
        TallyMethod => _profile is null ? new TallyReply(ChannelStatus.NotFound, null, null) : new TallyReply(ChannelStatus.Ok, Reply(ChannelStatus.Ok).Info, _tally),
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

    private static ChannelReply NotFound() => new(ChannelStatus.NotFound, null);

    private ChannelReply Reply(ChannelStatus status, long joinSequence = 0) =>
        new(status, ChannelInfo.From(_profile!, _members.Count, _head), joinSequence);

    private async Task<ChannelReply> CreateAsync(CreateChannel command, CancellationToken cancellationToken)
    {
        if (_profile is not null)
        {
            return Reply(ChannelStatus.Conflict);
        }

        var creator = command.Profile.CreatedBy;
        var sequence = _head + 1;
        var now = Host.Time.GetUtcNow();
        var announcement = SystemMessage(sequence, creator, "channel created", $"{creator} created #{command.Profile.Id}.", now, command.TraceParent);
        var members = new Dictionary<string, ChannelMember>(_members, StringComparer.Ordinal) { [creator] = new(now, sequence) };
        StateManager.SetState(ProfileKey, command.Profile);
        _profile = command.Profile;
        await AppendMembershipAsync(members, announcement, cancellationToken);
        NotifyMembers(creator, [announcement]);
        return Reply(ChannelStatus.Created, sequence);
    }

    private async Task<ChannelReply> JoinAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return NotFound();
        }

        if (_members.TryGetValue(change.AgentId, out var existing))
        {
            return Reply(ChannelStatus.Ok, existing.JoinSequence);
        }

        var now = Host.Time.GetUtcNow();
        var sequence = _head + 1;
        var members = new Dictionary<string, ChannelMember>(_members, StringComparer.Ordinal) { [change.AgentId] = new(now, sequence) };
        var announcement = SystemMessage(sequence, change.AgentId, "member joined", $"{change.AgentId} joined #{_profile.Id}.", now, change.TraceParent);
        await AppendMembershipAsync(members, announcement, cancellationToken);
        NotifyMembers(change.AgentId, [announcement]);
        return Reply(ChannelStatus.Created, sequence);
    }

    private async Task<ChannelReply> LeaveAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return NotFound();
        }

        if (!_members.ContainsKey(change.AgentId))
        {
            return Reply(ChannelStatus.Ok);
        }

        var now = Host.Time.GetUtcNow();
        var sequence = _head + 1;
        var members = new Dictionary<string, ChannelMember>(_members, StringComparer.Ordinal);
        members.Remove(change.AgentId);
        var announcement = SystemMessage(sequence, change.AgentId, "member left", $"{change.AgentId} left #{_profile.Id}.", now, change.TraceParent);
        await AppendMembershipAsync(members, announcement, cancellationToken);
        _lastPosts.Remove(change.AgentId);
        NotifyMembers(change.AgentId, [announcement]);
        return Reply(ChannelStatus.Ok);
    }

    private async Task AppendMembershipAsync(Dictionary<string, ChannelMember> members, ChannelMessage announcement, CancellationToken cancellationToken)
    {
        StateManager.SetState(MembersKey, members);
        await AppendSystemAsync(announcement, cancellationToken);
        _members = members;
    }

    /// <summary>Appends one system message: no cooldown, no membership check (the platform speaks, not a member).</summary>
    private async Task<ChannelReply> AnnounceAsync(AnnounceCommand command, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return NotFound();
        }

        var announcement = SystemMessage(_head + 1, command.SenderId, command.Title, command.Content, Host.Time.GetUtcNow(), command.TraceParent);
        await AppendSystemAsync(announcement, cancellationToken);
        NotifyMembers(command.SenderId, [announcement]);
        return Reply(ChannelStatus.Ok);
    }

    private async Task AppendSystemAsync(ChannelMessage announcement, CancellationToken cancellationToken)
    {
        StateManager.SetState(MessageKey(announcement.Sequence), announcement);
        StateManager.SetState(HeadKey, announcement.Sequence);
        var tally = await PrepareCommitAsync(announcement.Sequence, [announcement], cancellationToken);
        await StateManager.SaveStateAsync(cancellationToken);
        _tally = tally;
        _head = announcement.Sequence;
        _metrics.Appended(MessagePriority.Normal, MessageKind.System);
    }

    private async Task<PostBatchReply> PostAsync(PostBatch batch, CancellationToken cancellationToken)
    {
        var results = new PostResult[batch.Posts.Count];
        if (_profile is null)
        {
            Array.Fill(results, new PostResult(ChannelStatus.NotFound, null, TimeSpan.Zero));
            return new PostBatchReply(results);
        }

        var now = Host.Time.GetUtcNow();
        var cooldown = _options.PostCooldown;
        var sequence = _head;
        var posters = new HashSet<string>(StringComparer.Ordinal);
        var appended = new List<ChannelMessage>(batch.Posts.Count);
        Dictionary<string, ChannelMessage>? keyed = null;
        for (var i = 0; i < results.Length; i++)
        {
            var post = batch.Posts[i];
            if (!_members.ContainsKey(post.SenderId))
            {
                results[i] = new PostResult(ChannelStatus.NotMember, null, TimeSpan.Zero);
                continue;
            }

            if (post.Key is { } key && await EarlierPostAsync(post.SenderId, key, keyed, cancellationToken) is { } earlier)
            {
                results[i] = new PostResult(ChannelStatus.Ok, earlier, TimeSpan.Zero);
                continue;
            }

            if (cooldown > TimeSpan.Zero)
            {
                var last = posters.Contains(post.SenderId) ? now : await LastPostAsync(post.SenderId, cancellationToken);
                if (last is { } at && now - at < cooldown)
                {
                    results[i] = new PostResult(ChannelStatus.Cooldown, null, cooldown - (now - at));
                    continue;
                }
            }

            sequence++;
            var message = new ChannelMessage
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                ChannelId = _profile.Id,
                SenderId = post.SenderId,
                Kind = MessageKind.Post,
                Title = post.Title,
                Content = post.Content,
                Priority = post.Priority,
                CreatedAt = now,
                Sequence = sequence,
                TraceParent = post.TraceParent,
                Metadata = post.Metadata,
            };
            StateManager.SetState(MessageKey(sequence), message);
            if (post.Key is { } appendedKey)
            {
                var postedKey = PostedKey(post.SenderId, appendedKey);
                StateManager.SetState(postedKey, sequence);
                (keyed ??= new Dictionary<string, ChannelMessage>(StringComparer.Ordinal))[postedKey] = message;
            }

            posters.Add(post.SenderId);
            appended.Add(message);
            results[i] = new PostResult(ChannelStatus.Ok, message, TimeSpan.Zero);
        }

        if (appended.Count == 0)
        {
            return new PostBatchReply(results);
        }

        StateManager.SetState(HeadKey, sequence);
        if (cooldown > TimeSpan.Zero)
        {
            foreach (var poster in posters)
            {
                StateManager.SetState(CooldownKey(poster), now);
            }
        }

        var tally = await PrepareCommitAsync(sequence, appended, cancellationToken);
        await StateManager.SaveStateAsync(cancellationToken);
        _tally = tally;
        _head = sequence;
        if (cooldown > TimeSpan.Zero)
        {
            foreach (var poster in posters)
            {
                _lastPosts[poster] = now;
            }
        }

        foreach (var message in appended)
        {
            _metrics.Appended(message.Priority, MessageKind.Post);
        }

        var except = posters.Count == 1 ? appended[0].SenderId : null;
        NotifyMembers(except, appended);
        ChannelTelemetry.Posted(_profile.Id, appended, _members.Count - (except is not null && _members.ContainsKey(except) ? 1 : 0), now, Host.Time.GetUtcNow());
        return new PostBatchReply(results);
    }

    private async Task<LogReply> ReadAsync(LogQuery query, CancellationToken cancellationToken)
    {
        if (_profile is null)
        {
            return new LogReply(ChannelStatus.NotFound, [], query.After, 0);
        }

        if (!query.Observer && !_members.ContainsKey(query.ReaderId))
        {
            return new LogReply(ChannelStatus.NotMember, [], query.After, _head);
        }

        var after = query.Latest ? Math.Max(0, _head - query.Limit) : query.After;
        var messages = new List<ChannelMessage>(Math.Min(query.Limit, (int)Math.Min(int.MaxValue, Math.Max(0, _head - after))));
        var sequence = Math.Max(0, after);
        var scanLimit = sequence + Math.Max(query.Limit * 4L, 1000L);
        while (sequence < _head && messages.Count < query.Limit && sequence < scanLimit)
        {
            sequence++;
            var (found, message) = await StateManager.TryGetStateAsync<ChannelMessage>(MessageKey(sequence), cancellationToken);
            if (!found || message is null || (query.ExcludeOwn && message.SenderId == query.ReaderId))
            {
                continue;
            }

            messages.Add(message);
        }

        return new LogReply(ChannelStatus.Ok, messages, Math.Max(sequence, after), _head);
    }

    private async ValueTask<DateTimeOffset?> LastPostAsync(string agentId, CancellationToken cancellationToken)
    {
        if (!_lastPosts.TryGetValue(agentId, out var last))
        {
            last = await StateManager.GetStateOrDefaultAsync<DateTimeOffset?>(CooldownKey(agentId), null, cancellationToken);
            _lastPosts[agentId] = last;
        }

        return last;
    }

    /// <summary>Wakes the members' readers here at once, and hands the commit's events to the outbox for the other replicas
    /// and the channel topic.</summary>
    private void NotifyMembers(string? except, IReadOnlyList<ChannelMessage> appended)
    {
        foreach (var member in _members.Keys)
        {
            if (member != except)
            {
                _signals.Wake(member);
            }
        }

        // Without an outbox (one replica, no topic) nothing else needs the list; the outbox takes it in Enqueue, at once.
        Outbound()?.Enqueue(_head, _members.Keys.Where(member => member != except), _profile!.PublishToTopic ? appended : []);
    }

    private ChannelReply Update(UpdateChannel update)
    {
        if (_profile is null)
        {
            return NotFound();
        }

        if (update.RequesterId is { } requester && requester != _profile.CreatedBy)
        {
            return Reply(ChannelStatus.Forbidden);
        }

        var profile = _profile with
        {
            Name = update.Name ?? _profile.Name,
            Description = update.Description ?? _profile.Description,
            PublishToTopic = update.PublishToTopic ?? _profile.PublishToTopic,
        };
        if (profile != _profile)
        {
            StateManager.SetState(ProfileKey, profile);
            _profile = profile;
        }

        return Reply(ChannelStatus.Ok);
    }

    private ChannelMessage SystemMessage(long sequence, string agentId, string title, string content, DateTimeOffset now, string? traceParent) => new()
    {
        Id = Guid.CreateVersion7(now).ToString("N"),
        ChannelId = _profile?.Id ?? Id.Key,
        SenderId = agentId,
        Kind = MessageKind.System,
        Title = title,
        Content = content,
        Priority = MessagePriority.Normal,
        CreatedAt = now,
        Sequence = sequence,
        TraceParent = traceParent,
    };

    private static string CooldownKey(string agentId) => "cooldown/" + agentId;
}
