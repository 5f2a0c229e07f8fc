using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Bench.Workflows;

/// <summary>The bare ceiling of the runner: an actor whose every turn durably writes one small key, as a step's
/// history append does, with no decider, dispatch or agent.</summary>
internal sealed class RunnerCeilingActor(ActorHost host) : Actor(host)
{
    public const string Type = "runner-ceiling";
    public const string TurnMethod = "turn";
    private long _turns;

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        _turns++;
        StateManager.SetState("page", _turns);
        await StateManager.SaveStateAsync(cancellationToken);
        return null;
    }
}
