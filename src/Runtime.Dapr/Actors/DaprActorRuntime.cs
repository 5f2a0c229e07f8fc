using System.Collections.Frozen;
using AgentPlatform.Runtime.Actors;
using Dapr.Actors.Client;
using Microsoft.Extensions.Logging;
using DaprActorId = Dapr.Actors.ActorId;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>Calls platform actors through Dapr: a non-remoting <see cref="ActorProxy"/> per call, the argument and result as
/// JSON written with <see cref="ActorJson.Options"/>, and the actor's fault raised again as the platform exception.</summary>
/// <remarks>Which replica hosts an actor is the sidecar's decision. Every replica of the app hosts the same actor types, so
/// a type this runtime does not host is refused before any network call.</remarks>
public sealed class DaprActorRuntime : IActorRuntime
{
    private readonly IActorProxyFactory _proxies;
    private readonly FrozenSet<string> _types;
    private readonly ILogger _logger;

    /// <summary>Creates the runtime over <paramref name="proxies"/>, hosting <paramref name="registrations"/>.</summary>
    public DaprActorRuntime(IActorProxyFactory proxies, IEnumerable<ActorTypeRegistration> registrations, ILogger<DaprActorRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _proxies = proxies;
        _types = registrations.Select(r => r.Type).ToFrozenSet(StringComparer.Ordinal);
        _logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!IsRegistered(id.Type))
        {
            throw new ActorTypeNotRegisteredException(id.Type ?? string.Empty);
        }

        var proxy = _proxies.Create(new DaprActorId(DaprNameCodec.Encode(id.Key)), id.Type);
        var response = await proxy.InvokeMethodAsync<ActorRequest<TRequest>, ActorResponse>(
            IPlatformActor.InvokeMethod, new ActorRequest<TRequest>(method, request), cancellationToken);
        if (response.Fault is { } fault)
        {
            throw ActorFaults.ToException(fault, id);
        }

        return ActorPayload.Read<TResult>(response.Result, method);
    }

    /// <inheritdoc/>
    /// <remarks>Dapr has no one-way actor call: the call is made in the background and a failure is logged.</remarks>
    public ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!IsRegistered(id.Type))
        {
            return ValueTask.FromException(new ActorTypeNotRegisteredException(id.Type ?? string.Empty));
        }

        _ = Task.Run(() => PostInBackgroundAsync(id, method, request), CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public bool IsRegistered(string actorType) => actorType is not null && _types.Contains(actorType);

    private async Task PostInBackgroundAsync<TRequest>(ActorId id, string method, TRequest request)
    {
        try
        {
            await InvokeAsync<TRequest, object?>(id, method, request, CancellationToken.None);
        }
        catch (Exception error)
        {
            Log.PostFailed(_logger, id, method, error);
        }
    }
}
