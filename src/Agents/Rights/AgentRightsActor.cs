using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Rights;

/// <summary>One agent's workflow rights and the instances it may raise events on (it started them or was handed one of their
/// tasks), keyed by agent id.</summary>
/// <remarks>Turn-based, so a grant and a check of one agent never interleave. Every change is durable before it is answered.
/// The list of started instances keeps the latest <see cref="MaxStartedInstances"/>.</remarks>
internal sealed class AgentRightsActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-rights";
    public const string GetMethod = "get";
    public const string SetMethod = "set";
    public const string RecordStartedMethod = "record-started";
    public const string StartedMethod = "started";
    public const int MaxStartedInstances = 10_000;

    private const string StateKey = "rights";

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var record = await StateManager.GetStateOrDefaultAsync<AgentRightsRecord?>(StateKey, null, cancellationToken)
            ?? new AgentRightsRecord(AgentRights.None, []);
        switch (call.Method)
        {
            case GetMethod:
                return record.Rights;
            case SetMethod:
                var rights = ActorPayload.Read<AgentRights>(call);
                StateManager.SetState(StateKey, record with { Rights = rights });
                return rights;
            case RecordStartedMethod:
                var instanceId = ActorPayload.Read<string>(call);
                if (!record.Started.Contains(instanceId, StringComparer.Ordinal))
                {
                    StateManager.SetState(StateKey, record with { Started = [.. record.Started.TakeLast(MaxStartedInstances - 1), instanceId] });
                }

                return true;
            case StartedMethod:
                return record.Started.Contains(ActorPayload.Read<string>(call), StringComparer.Ordinal);
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }
}
