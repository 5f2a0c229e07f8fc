using System.Runtime.CompilerServices;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Agents.Liveness;

/// <summary>The presence of one agent: status and last heartbeat in memory and actor state, and a periodic reminder that turns the
/// agent offline after too many missed heartbeats.</summary>
/// <remarks>
/// <para>The active actor's in-memory record is authoritative; the reminder's offline check runs in this actor and reads it. A
/// heartbeat that changes nothing but the last-heartbeat time answers without a durable write unless the persisted time is
/// <see cref="AgentLivenessOptions.PersistHeartbeatEvery"/> or more older; a status change (offline to available, the busy flag,
/// offline) is committed before the answer and before its <see cref="AgentStatusChanged"/> is published; deactivation persists the
/// latest record. The persisted last heartbeat therefore lags the last answered one by less than the bound, and only after a
/// crash is the lag visible.</para>
/// <para>The reminder (period = heartbeat interval) is registered when the agent comes online (first heartbeat, or the first after
/// being offline) and removed when it goes offline; on activation it is re-registered only if missing or registered with another
/// period. A check finds the agent offline once <c>interval × misses</c> have passed since the last heartbeat, so an agent turns
/// offline no earlier than that and at most one interval later.</para>
/// <para>Agents of an in-process agent type (<c>type/key</c> whose type is registered with <c>AddAgents</c>) are hosted by the
/// runtime and reachable whenever it runs: they are never offline, need no reminder, and publish no status changes.</para>
/// </remarks>
internal sealed class AgentPresenceActor : Actor
{
    public const string ActorType = "agent-presence";
    public const string HeartbeatMethod = "heartbeat";
    public const string GetMethod = "get";
    public const string SetBusyMethod = "set-busy";
    public const string RemoveMethod = "remove";
    public const string StateKey = "presence";
    public const string ReminderName = "liveness";

    private readonly AgentPresenceContext _context;
    private readonly string _agentId;
    private readonly bool _alwaysAlive;
    private PresenceRecord? _record;
    private PresenceRecord? _persisted;

    public AgentPresenceActor(ActorHost host, AgentPresenceContext context)
        : base(host)
    {
        _context = context;
        _agentId = PresenceKeys.AgentIdOf(host.Id);
        _alwaysAlive = context.IsInProcess(_agentId);
    }

    private TimeSpan Interval => _context.Options.HeartbeatInterval;

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken)
    {
        var (found, record) = await StateManager.TryGetStateAsync<PresenceRecord>(StateKey, cancellationToken);
        _record = found ? record : null;
        _persisted = _record;
        if (_record is { Online: true } && !_alwaysAlive)
        {
            var reminder = await Host.Reminders.GetAsync(Id, ReminderName, cancellationToken);
            if (reminder?.Period != Interval)
            {
                await RegisterLivenessReminderAsync(cancellationToken);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case HeartbeatMethod:
                return await BeatAsync(_record is { Online: true, Busy: true }, cancellationToken);
            case SetBusyMethod:
                return await BeatAsync(ActorPayload.Read<bool>(call), cancellationToken);
            case GetMethod:
                return Presence();
            case RemoveMethod:
                await ForgetAsync(cancellationToken);
                return null;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    public override ValueTask OnDeactivateAsync(CancellationToken cancellationToken)
    {
        // The runtime commits what is set here after this returns.
        if (_record is { } record && record != _persisted)
        {
            StateManager.SetState(StateKey, record);
            _persisted = record;
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        if (reminder.Name != ReminderName)
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        if (_record is not { Online: true } record || _alwaysAlive)
        {
            await UnregisterReminderAsync(ReminderName, cancellationToken);
            return;
        }

        var now = Host.Time.GetUtcNow();
        if (now - record.LastHeartbeat < _context.OfflineAfter)
        {
            return;
        }

        var previous = Status(record);
        await PersistAsync(record with { Online = false }, cancellationToken);
        _record = _persisted;
        await UnregisterReminderAsync(ReminderName, cancellationToken);
        await NotifyAsync(previous, AgentStatus.Offline, record.LastHeartbeat, now, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AgentPresence> BeatAsync(bool busy, CancellationToken cancellationToken)
    {
        var now = Host.Time.GetUtcNow();
        var previous = _record;
        var next = new PresenceRecord(Online: true, busy, now);
        if (previous is not { Online: true } && !_alwaysAlive)
        {
            await RegisterLivenessReminderAsync(cancellationToken);
        }

        // Compared with what is durable, not with the previous record, so that a write that failed is retried.
        if (_persisted is not { Online: true } persisted
            || persisted.Busy != busy
            || now - persisted.LastHeartbeat >= _context.PersistHeartbeatEvery)
        {
            await PersistAsync(next, cancellationToken);
        }

        _record = next;
        var before = Status(previous);
        var after = Status(next);
        if (before != after && !_alwaysAlive)
        {
            await NotifyAsync(before, after, now, now, cancellationToken);
        }

        return Presence(now);
    }

    private async ValueTask PersistAsync(PresenceRecord record, CancellationToken cancellationToken)
    {
        StateManager.SetState(StateKey, record);
        await StateManager.SaveStateAsync(cancellationToken);
        _persisted = record;
    }

    private async ValueTask ForgetAsync(CancellationToken cancellationToken)
    {
        var previous = _record;
        _record = null;
        StateManager.RemoveState(StateKey);
        await UnregisterReminderAsync(ReminderName, cancellationToken);
        await StateManager.SaveStateAsync(cancellationToken);
        _persisted = null;
        var before = Status(previous);
        if (before != AgentStatus.Offline && !_alwaysAlive)
        {
            await NotifyAsync(before, AgentStatus.Offline, null, Host.Time.GetUtcNow(), cancellationToken);
        }
    }

    private AgentStatus Status(PresenceRecord? record) => record switch
    {
        null when _alwaysAlive => AgentStatus.Available,
        null => AgentStatus.Offline,
        { Online: false } when !_alwaysAlive => AgentStatus.Offline,
        { Busy: true } => AgentStatus.Busy,
        _ => AgentStatus.Available,
    };

    private AgentPresence Presence(DateTimeOffset? now = null) => _record is { } record
        ? new AgentPresence(_agentId, Status(record), record.LastHeartbeat, record.LastHeartbeat + Interval)
        : new AgentPresence(_agentId, Status(null), null, now ?? Host.Time.GetUtcNow());

    private Task RegisterLivenessReminderAsync(CancellationToken cancellationToken) =>
        RegisterReminderAsync(new ReminderRegistration(ReminderName, Interval, Interval), cancellationToken);

    private async ValueTask NotifyAsync(
        AgentStatus previous, AgentStatus current, DateTimeOffset? lastHeartbeat, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _context.PubSub.PublishAsync(
                AgentStatusChanged.Topic,
                new AgentStatusChanged(_agentId, previous, current, lastHeartbeat, at),
                new PublishOptions { Type = AgentStatusChanged.EventType },
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.StatusChangeNotPublished(_context.Logger, e, _agentId, current.ToString());
        }
    }
}
