using Dapr.Actors;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The one Dapr actor interface every platform actor type is hosted behind.</summary>
public interface IPlatformActor : IActor
{
    /// <summary>The Dapr method name of <see cref="InvokeAsync"/>, as it appears in actor invocation URLs.</summary>
    const string InvokeMethod = nameof(InvokeAsync);

    /// <summary>Runs one platform method call as one turn of the actor.</summary>
    Task<ActorResponse> InvokeAsync(ActorRequest request);
}
