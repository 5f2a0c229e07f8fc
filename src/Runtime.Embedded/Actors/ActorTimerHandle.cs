using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>One registered timer of an activation: the delivery record and the clock timer that queues its ticks.</summary>
internal sealed class ActorTimerHandle(ActorTimer delivery) : IDisposable
{
    public ActorTimer Delivery { get; } = delivery;

    public ITimer? Timer { get; set; }

    public void Dispose() => Timer?.Dispose();
}
