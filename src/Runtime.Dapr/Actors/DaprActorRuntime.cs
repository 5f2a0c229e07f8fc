using System.Collections.Frozen;
using AgentPlatform.Runtime.Actors;
using Dapr;
using Dapr.Actors.Client;
using Microsoft.Extensions.Logging;
using DaprActorId = Dapr.Actors.ActorId;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>Calls platform actors through Dapr: a non-remoting <see cref="ActorProxy"/> per call, the argument and result as
/// JSON written with <see cref="ActorJson.Options"/>, and the actor's fault raised again as the platform exception.</summary>
/// <remarks>Which replica hosts an actor is the sidecar's decision. Every replica of the app hosts the same actor types, so
/// a type this runtime does not host is refused before any network call. While the sidecar has no replica to place the
/// actor on (its placement table is not ready yet, or the actor is moving off a replica that stopped answering) the call
/// never reached an actor, so it is tried again, backing off up to <see cref="PlacementWait"/>.</remarks>
public sealed class DaprActorRuntime : IActorRuntime
{
    /// <summary>How long a call waits for the sidecar to find a replica for the actor.</summary>
    public static readonly TimeSpan PlacementWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxPlacementBackoff = TimeSpan.FromSeconds(1);

    private readonly IActorProxyFactory _proxies;
    private readonly FrozenSet<string> _types;
    private readonly ActorCallCounter _calls;
    private readonly ILogger _logger;

    /// <summary>Creates the runtime over <paramref name="proxies"/>, hosting <paramref name="registrations"/>.</summary>
    /// <param name="proxies">Makes the actor proxies calls go through.</param>
    /// <param name="registrations">The actor types every replica of the app hosts.</param>
    /// <param name="calls">The count of calls in flight, shared with the actors this process serves.</param>
    /// <param name="logger">Where failed one-way calls are logged.</param>
    /// <param name="time">The clock <see cref="StartedAt"/> is read from.</param>
    internal DaprActorRuntime(
        IActorProxyFactory proxies,
        IEnumerable<ActorTypeRegistration> registrations,
        ActorCallCounter calls,
        ILogger<DaprActorRuntime> logger,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(calls);
        _proxies = proxies;
        _types = registrations.Select(r => r.Type).ToFrozenSet(StringComparer.Ordinal);
        _calls = calls;
        _logger = logger;
        StartedAt = time.GetUtcNow();
    }

    /// <inheritdoc/>
    public async ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!IsRegistered(id.Type))
        {
            throw new ActorTypeNotRegisteredException(id.Type ?? string.Empty);
        }

        var count = _calls.For(id.Type);
        count.Enter();
        try
        {
            return await CallAsync<TRequest, TResult>(id, method, request, cancellationToken);
        }
        finally
        {
            count.Exit();
        }
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

        var count = _calls.For(id.Type);
        count.Enter();
        _ = Task.Run(() => PostInBackgroundAsync(id, method, request, count), CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public bool IsRegistered(string actorType) => actorType is not null && _types.Contains(actorType);

    /// <inheritdoc/>
    public bool PassesObjects => false;

    /// <inheritdoc/>
    /// <remarks>The calls this process serves plus the calls it made and still waits for (a one-way call until its background
    /// call has ended); calls another replica serves for someone else are not seen here.</remarks>
    public IActorCallsInFlight CallsInFlight => _calls;

    /// <inheritdoc/>
    /// <remarks>The time of construction, in this replica: the host resolves the runtime while it starts. Actors that the sidecar
    /// places on this replica read this replica's start, which is the restart that matters to them.</remarks>
    public DateTimeOffset StartedAt { get; }

    // daprd answers a lookup with no replica to place the actor on with "did not find address for actor" (and names it
    // "error finding address" in some versions); either way the app was never called.
    private static bool IsUnplaced(DaprApiException error) =>
        error.ErrorCode is "ERR_ACTOR_NO_ADDRESS" or "ERR_ACTOR_NO_PLACEMENT"
        || error.Message.Contains("did not find address for actor", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("error finding address for actor", StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes the call of an argument-checked, hosted actor.</summary>
    private async Task<TResult> CallAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken)
    {
        var proxy = _proxies.Create(new DaprActorId(DaprNameCodec.Encode(id.Key)), id.Type);
        var call = new ActorRequest<TRequest>(method, request);
        var waited = TimeSpan.Zero;
        var backoff = TimeSpan.FromMilliseconds(50);
        ActorResponse response;
        while (true)
        {
            try
            {
                response = await proxy.InvokeMethodAsync<ActorRequest<TRequest>, ActorResponse>(IPlatformActor.InvokeMethod, call, cancellationToken);
                break;
            }
            catch (DaprApiException error) when (IsUnplaced(error) && waited < PlacementWait)
            {
                await Task.Delay(backoff, cancellationToken);
                waited += backoff;
                backoff = backoff * 2 < MaxPlacementBackoff ? backoff * 2 : MaxPlacementBackoff;
            }
        }

        if (response.Fault is { } fault)
        {
            throw ActorFaults.ToException(fault, id);
        }

        return ActorPayload.Read<TResult>(response.Result, method);
    }

    private async Task PostInBackgroundAsync<TRequest>(ActorId id, string method, TRequest request, ActorCallCount count)
    {
        try
        {
            await CallAsync<TRequest, object?>(id, method, request, CancellationToken.None);
        }
        catch (Exception error)
        {
            Log.PostFailed(_logger, id, method, error);
        }
        finally
        {
            count.Exit();
        }
    }
}
