using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Agents;

/// <summary>The LLM agents registered through the operator API, persisted in the actor state store so they survive restarts and every
/// replica reads the same set. Each change gets a new revision, so readers know when to rebuild what they derived.</summary>
internal sealed class LlmAgentDirectoryActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "llm-agent-directory";
    public const string SingletonKey = "all";
    public const string PutMethod = "put";
    public const string RemoveMethod = "remove";
    public const string ListMethod = "list";

    private const string AgentsKey = "agents";

    private Dictionary<string, StoredLlmAgent> _agents = new(StringComparer.Ordinal);

    public static ActorId Address { get; } = ActorId.Create(TypeName, SingletonKey);

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        _agents = new(await StateManager.GetStateOrDefaultAsync<Dictionary<string, StoredLlmAgent>?>(AgentsKey, null, cancellationToken) ?? [], StringComparer.Ordinal);

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case PutMethod:
                var put = ActorPayload.Read<PutLlmAgent>(call);
                var stored = new StoredLlmAgent(put.Registration, (_agents.GetValueOrDefault(put.Name)?.Revision ?? 0) + 1);
                await SaveAsync(new(_agents, StringComparer.Ordinal) { [put.Name] = stored }, cancellationToken);
                return stored;
            case RemoveMethod:
                var name = ActorPayload.Read<string>(call);
                if (!_agents.ContainsKey(name))
                {
                    return false;
                }

                var remaining = new Dictionary<string, StoredLlmAgent>(_agents, StringComparer.Ordinal);
                remaining.Remove(name);
                await SaveAsync(remaining, cancellationToken);
                return true;
            case ListMethod:
                return _agents;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask SaveAsync(Dictionary<string, StoredLlmAgent> agents, CancellationToken cancellationToken)
    {
        StateManager.SetState(AgentsKey, agents);
        await StateManager.SaveStateAsync(cancellationToken);
        _agents = agents;
    }
}
