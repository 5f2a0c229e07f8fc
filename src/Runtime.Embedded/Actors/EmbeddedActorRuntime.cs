using System.Collections.Frozen;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Embedded.Reminders;
using AgentPlatform.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>The in-process actor runtime: activates actors on first call, runs their turns one at a time on the
/// thread pool, commits their state at the end of each turn and deactivates them when idle.</summary>
/// <remarks>
/// Calls to one actor are turn-based: invocations, one-way posts, timer ticks and reminder fires of one actor never
/// overlap, while different actors run in parallel. A caller's continuation runs on the thread that finished the turn
/// (as with a <see cref="TaskCompletionSource"/> without asynchronous continuations), which saves a thread-pool hop
/// per call; a caller must therefore not block synchronously right after awaiting a call.
/// Calls are not reentrant: an actor that calls itself, directly or through a cycle of actors, waits for ever unless
/// the call is cancelled. Call <see cref="StartAsync"/> once at startup so persisted reminders are loaded; the first
/// call starts the runtime too when nobody did.
/// </remarks>
public sealed class EmbeddedActorRuntime : IActorRuntime, IActorTypeCatalog, IActorCallsInFlight, IAsyncDisposable, IDisposable
{
    private readonly Lock _typesGate = new();
    private FrozenDictionary<string, ActorTypeEntry> _types;
    private readonly EmbeddedReminderService _reminderService;
    private readonly ITimer _idleTimer;
    private readonly Lock _startGate = new();
    private Task? _started;
    private volatile bool _disposed;

    /// <summary>Creates the runtime.</summary>
    /// <param name="registrations">The hosted actor types.</param>
    /// <param name="stateStore">Where actor state is committed.</param>
    /// <param name="reminders">The reminder service; the runtime attaches itself to it as the delivery target on start.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="services">Application services handed to actors; an empty provider when null.</param>
    /// <param name="loggerFactory">Logging; nothing is logged when null.</param>
    public EmbeddedActorRuntime(
        IEnumerable<ActorTypeRegistration> registrations,
        IActorStateStore stateStore,
        EmbeddedReminderService reminders,
        EmbeddedRuntimeOptions? options = null,
        TimeProvider? time = null,
        IServiceProvider? services = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(stateStore);
        ArgumentNullException.ThrowIfNull(reminders);
        Options = options ?? new EmbeddedRuntimeOptions();
        Time = time ?? TimeProvider.System;
        StartedAt = Time.GetUtcNow();
        StateStore = stateStore;
        _reminderService = reminders;
        Services = services ?? EmptyServiceProvider.Instance;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedActorRuntime>();

        var types = new Dictionary<string, ActorTypeEntry>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            ActorNames.ThrowIfInvalid(registration.Type, nameof(registrations));
            if (!types.TryAdd(registration.Type, new ActorTypeEntry(registration, registration.IdleTimeout ?? Options.DefaultIdleTimeout)))
            {
                throw new ArgumentException($"Actor type '{registration.Type}' is registered twice.", nameof(registrations));
            }
        }

        _types = types.ToFrozenDictionary(StringComparer.Ordinal);
        _idleTimer = Time.CreateTimer(static state => ((EmbeddedActorRuntime)state!).ScanIdle(), this, Options.IdleScanInterval, Options.IdleScanInterval);
    }

    /// <summary>The number of actors currently activated (or holding queued calls).</summary>
    public int ActiveActorCount => _types.Values.Sum(type => type.Activations.Count);

    internal EmbeddedRuntimeOptions Options { get; }

    internal TimeProvider Time { get; }

    internal IActorStateStore StateStore { get; }

    internal IReminderService Reminders => _reminderService;

    internal IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    /// <summary>Loads persisted reminders and starts firing them; safe to call more than once.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_startGate)
        {
            return _started ??= _reminderService.StartAsync(DeliverReminderAsync, cancellationToken);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The request and the result are handed over as objects; a result is converted only when it is not already a
    /// <typeparamref name="TResult"/>.</remarks>
    public ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        try
        {
            return EnqueueAwaited<TResult>(id, TurnKind.Invoke, method, request, cancellationToken);
        }
        catch (Exception error) when (error is ActorTypeNotRegisteredException or ObjectDisposedException or ArgumentException)
        {
            return ValueTask.FromException<TResult>(error);
        }
    }

    /// <inheritdoc/>
    public ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Enqueue(id, new TurnRequest(TurnKind.Post, method, request, null, cancellationToken));
            return ValueTask.CompletedTask;
        }
        catch (Exception error) when (error is ActorTypeNotRegisteredException or ObjectDisposedException or ArgumentException)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The type table is replaced whole, so calls never take a lock to read it.</remarks>
    public void AddActorType(ActorTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ActorNames.ThrowIfInvalid(registration.Type, nameof(registration));
        lock (_typesGate)
        {
            if (_types.ContainsKey(registration.Type))
            {
                throw new ArgumentException($"Actor type '{registration.Type}' is registered twice.", nameof(registration));
            }

            var entry = new ActorTypeEntry(registration, registration.IdleTimeout ?? Options.DefaultIdleTimeout);
            _types = _types.Append(new KeyValuePair<string, ActorTypeEntry>(registration.Type, entry)).ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <inheritdoc/>
    public bool IsRegistered(string actorType) => actorType is not null && _types.ContainsKey(actorType);

    /// <inheritdoc/>
    public bool PassesObjects => true;

    /// <inheritdoc/>
    /// <remarks>A call counts from the moment it is queued until its turn has ended, or until its actor drops it from the queue
    /// because it was cancelled while waiting or the runtime was disposed. Each actor keeps its own count; reading sums them.</remarks>
    public IActorCallsInFlight CallsInFlight => this;

    /// <inheritdoc/>
    /// <remarks>The time of construction: the host builds the runtime while it starts, before persisted reminders fire.</remarks>
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc/>
    long IActorCallsInFlight.Count(string actorType)
    {
        if (actorType is null || !_types.TryGetValue(actorType, out var type))
        {
            return 0;
        }

        long calls = 0;
        foreach (var activation in type.Activations)
        {
            calls += activation.Value.CallsInFlight;
        }

        return calls;
    }

    /// <inheritdoc/>
    Task IActorCallsInFlight.NextEnd() => CallEnds.Next();

    internal ActorCallEndSignal CallEnds { get; } = new();

    /// <summary>Deactivates every actor (running <see cref="Actor.OnDeactivateAsync"/> after its queued calls) and stops
    /// timers and reminders; gives up waiting after <see cref="EmbeddedRuntimeOptions.ShutdownTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _idleTimer.DisposeAsync();
        _reminderService.Detach();
        var deactivations = new List<Task>();
        foreach (var activation in _types.Values.SelectMany(type => type.Activations.Values))
        {
            var completion = TurnCompletion<object?>.Rent(null);
            var pending = completion.AsValueTask();
            if (activation.TryQueueDeactivation(Time.GetTimestamp(), completion))
            {
                deactivations.Add(pending.AsTask());
            }
        }

        _disposed = true;
        try
        {
            await Task.WhenAll(deactivations).WaitAsync(Options.ShutdownTimeout, Time);
        }
        catch (TimeoutException)
        {
            Log.ShutdownTimedOut(Logger, deactivations.Count(d => !d.IsCompleted), Options.ShutdownTimeout);
        }
    }

    /// <summary>Disposes synchronously, for containers disposed without <c>DisposeAsync</c>; see <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void Remove(ActorActivation activation) =>
        _types[activation.Id.Type].Activations.TryRemove(new KeyValuePair<string, ActorActivation>(activation.Id.Key, activation));

    private void Enqueue(ActorId id, in TurnRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started is null)
        {
            StartInBackground();
        }

        if (id.Type is null)
        {
            throw new ArgumentException("The actor id is empty.", nameof(id));
        }

        if (!_types.TryGetValue(id.Type, out var type))
        {
            throw new ActorTypeNotRegisteredException(id.Type);
        }

        while (true)
        {
            if (!type.Activations.TryGetValue(id.Key, out var activation))
            {
                activation = type.Activations.GetOrAdd(
                    id.Key, static (_, arg) => new ActorActivation(arg.Runtime, arg.Type, arg.Id), (Runtime: this, Type: type, Id: id));
            }

            if (activation.TryEnqueue(request))
            {
                return;
            }
        }
    }

    private void StartInBackground()
    {
        var start = StartAsync(CancellationToken.None);
        if (!start.IsCompleted)
        {
            start.ContinueWith(
                static (task, state) => Log.StartFailed(((EmbeddedActorRuntime)state!).Logger, task.Exception!),
                this,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async ValueTask DeliverReminderAsync(ActorId id, ActorReminder reminder, CancellationToken cancellationToken) =>
        await EnqueueAwaited<object?>(id, TurnKind.Reminder, null, reminder, cancellationToken);

    /// <summary>Queues a turn whose caller waits for its result.</summary>
    private ValueTask<TResult> EnqueueAwaited<TResult>(ActorId id, TurnKind kind, string? method, object? payload, CancellationToken cancellationToken)
    {
        var completion = TurnCompletion<TResult>.Rent(method);
        Enqueue(id, new TurnRequest(kind, method, payload, completion, cancellationToken));
        completion.Watch(cancellationToken);
        return completion.AsValueTask();
    }

    private void ScanIdle()
    {
        var now = Time.GetTimestamp();
        foreach (var type in _types.Values)
        {
            foreach (var pair in type.Activations)
            {
                pair.Value.TryQueueDeactivation(now, null);
            }
        }
    }
}
