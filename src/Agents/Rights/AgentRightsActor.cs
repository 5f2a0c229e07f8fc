using System.Globalization;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Rights;

/// <summary>One agent's workflow rights and the instances it may raise events on (it started them or was handed one of their
/// tasks), keyed by agent id.</summary>
/// <remarks>Turn-based, so a grant and a check of one agent never interleave. Every change is durable before it is answered; a
/// recording call carries one or more instances, in order, recorded in one turn.
/// The instances kept are the latest <see cref="MaxStartedInstances"/>, each under a key of its own in a ring of that many slots, so
/// recording one writes a few small keys rather than the whole list. A record stored whole by an earlier version (its
/// <see cref="AgentRightsRecord.Started"/> list) is moved into the ring, in order, the first time the actor reads it.</remarks>
internal sealed class AgentRightsActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-rights";
    public const string GetMethod = "get";
    public const string SetMethod = "set";
    public const string RecordStartedMethod = "record-started";
    public const string StartedMethod = "started";
    public const string CanRaiseEventMethod = "can-raise-event";
    public const int MaxStartedInstances = 10_000;

    private const string StateKey = "rights";

    // How many instances were ever recorded; the n-th went into slot n % MaxStartedInstances.
    private const string CountKey = "started-count";
    private const string InstancePrefix = "started:";
    private const string SlotPrefix = "started-slot:";

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var record = await ReadAsync(cancellationToken);
        switch (call.Method)
        {
            case GetMethod:
                return record.Rights;
            case SetMethod:
                var rights = ActorPayload.Read<AgentRights>(call);
                StateManager.SetState(StateKey, record with { Rights = rights });
                return rights;
            case RecordStartedMethod:
                foreach (var instanceId in ActorPayload.Read<IReadOnlyList<string>>(call))
                {
                    await RecordAsync(instanceId, cancellationToken);
                }

                return true;
            case StartedMethod:
                return await IsStartedAsync(ActorPayload.Read<string>(call), cancellationToken);
            case CanRaiseEventMethod:
                return record.Rights.RaiseEvents && await IsStartedAsync(ActorPayload.Read<string>(call), cancellationToken);
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask<AgentRightsRecord> ReadAsync(CancellationToken cancellationToken)
    {
        var record = await StateManager.GetStateOrDefaultAsync<AgentRightsRecord?>(StateKey, null, cancellationToken)
            ?? new AgentRightsRecord(AgentRights.None, []);
        if (record.Started.Count == 0)
        {
            return record;
        }

        // The list holds distinct ids, oldest first, and the ring is empty until it moved: each goes straight into its slot. The moves
        // commit with the emptied record at the end of the turn, all or none.
        for (var slot = 0; slot < record.Started.Count; slot++)
        {
            StateManager.SetState(SlotPrefix + slot.ToString(CultureInfo.InvariantCulture), record.Started[slot]);
            StateManager.SetState(InstancePrefix + record.Started[slot], true);
        }

        StateManager.SetState(CountKey, (long)record.Started.Count);
        record = record with { Started = [] };
        StateManager.SetState(StateKey, record);
        return record;
    }

    private async ValueTask<bool> IsStartedAsync(string instanceId, CancellationToken cancellationToken) =>
        (await StateManager.TryGetStateAsync<bool>(InstancePrefix + instanceId, cancellationToken)).Found;

    private async ValueTask RecordAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await IsStartedAsync(instanceId, cancellationToken))
        {
            return;
        }

        var count = await StateManager.GetStateOrDefaultAsync(CountKey, 0L, cancellationToken);
        var slot = SlotPrefix + (count % MaxStartedInstances).ToString(CultureInfo.InvariantCulture);
        if (count >= MaxStartedInstances && await StateManager.TryGetStateAsync<string>(slot, cancellationToken) is (true, { } evicted))
        {
            StateManager.RemoveState(InstancePrefix + evicted);
        }

        StateManager.SetState(slot, instanceId);
        StateManager.SetState(InstancePrefix + instanceId, true);
        StateManager.SetState(CountKey, count + 1);
    }
}
