using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The agents whose attempt at one piece of work (one <see cref="AgentTask.WorkKey"/>) failed, so that later attempts go to
/// the next-best agent; one actor per work key, its list durable.</summary>
internal sealed class TaskExclusionsActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-task-exclusions";
    public const string AddMethod = "add";
    public const string ListMethod = "list";

    private const string StateKey = "agents";

    private List<string> _agents = [];

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        _agents = await StateManager.GetStateOrDefaultAsync<List<string>?>(StateKey, null, cancellationToken) ?? [];

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case ListMethod:
                return _agents.ToList();
            case AddMethod:
                var agentId = ActorPayload.Read<string>(call);
                if (!_agents.Contains(agentId, StringComparer.Ordinal))
                {
                    _agents = [.. _agents, agentId];
                    StateManager.SetState(StateKey, _agents);
                    await StateManager.SaveStateAsync(cancellationToken);
                }

                return true;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    public static ActorId Address(string workKey) => ActorId.Create(TypeName, workKey);
}
