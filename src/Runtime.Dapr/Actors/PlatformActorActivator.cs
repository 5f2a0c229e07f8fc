using AgentPlatform.Runtime.Actors;
using Dapr.Actors.Runtime;
using DaprActorHost = Dapr.Actors.Runtime.ActorHost;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>Creates the <see cref="PlatformActorShim"/> of one platform actor type for Dapr.Actors.</summary>
internal sealed class PlatformActorActivator(ActorTypeRegistration registration, Lazy<PlatformActorServices> services) : ActorActivator
{
    /// <inheritdoc/>
    public override Task<ActorActivatorState> CreateAsync(DaprActorHost host) =>
        Task.FromResult(new ActorActivatorState(new PlatformActorShim(host, registration, services.Value)));

    /// <inheritdoc/>
    public override Task DeleteAsync(ActorActivatorState state) => Task.CompletedTask;
}
