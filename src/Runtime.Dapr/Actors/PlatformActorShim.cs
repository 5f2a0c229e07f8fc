using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Dapr.Reminders;
using AgentPlatform.Runtime.Diagnostics;
using DaprActor = Dapr.Actors.Runtime.Actor;
using DaprActorHost = Dapr.Actors.Runtime.ActorHost;
using IRemindable = Dapr.Actors.Runtime.IRemindable;
using PlatformActor = AgentPlatform.Runtime.Actors.Actor;
using PlatformActorHost = AgentPlatform.Runtime.Actors.ActorHost;

namespace AgentPlatform.Runtime.Dapr.Actors;

/// <summary>The Dapr actor that hosts one platform actor: Dapr.Actors.AspNetCore calls it for method invocations, reminders and
/// timers, one at a time per actor id, and it forwards each to the platform actor as one turn.</summary>
/// <remarks>A turn that succeeds hands its buffered state writes to Dapr's state manager, which the SDK commits in one actor
/// state transaction after the method returns; a turn that throws commits nothing. The platform actor is created and
/// activated inside the first turn, so an activation failure reaches the caller like any other fault.</remarks>
internal sealed class PlatformActorShim : DaprActor, IPlatformActor, IRemindable
{
    private readonly ActorTypeRegistration _registration;
    private readonly PlatformActorServices _services;
    private readonly DaprActorStateManager _state;
    private readonly DaprActorTimers _timers = new();
    private readonly ActorId _id;
    private readonly ActorCallCount _calls;
    private PlatformActor? _actor;

    public PlatformActorShim(DaprActorHost host, ActorTypeRegistration registration, PlatformActorServices services)
        : base(host)
    {
        _registration = registration;
        _services = services;
        _state = new DaprActorStateManager(StateManager, ActorJson.Options);
        _id = ActorId.Create(registration.Type, DaprNameCodec.Decode(host.Id.GetId()));
        _calls = services.Calls.For(registration.Type);
    }

    /// <inheritdoc/>
    public async Task<ActorResponse> InvokeAsync(ActorRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _calls.Enter();
        try
        {
            var actor = await ActorAsync();
            var result = await actor.OnInvokeAsync(new ActorCall(request.Method, request.Payload), CancellationToken.None);
            await EndTurnAsync();
            return new ActorResponse(result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), ActorJson.Options), null);
        }
        catch (Exception error)
        {
            await FailTurnAsync();
            return new ActorResponse(null, ActorFaults.From(error));
        }
        finally
        {
            _calls.Exit();
        }
    }

    /// <inheritdoc/>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        var name = DaprNameCodec.Decode(reminderName);
        var envelope = ReminderEnvelope.Read(state);
        try
        {
            var actor = await ActorAsync();
            await actor.OnReminderAsync(new ActorReminder(name, envelope.Data), CancellationToken.None);
            await EndTurnAsync();
        }
        catch
        {
            await FailTurnAsync();
            throw;
        }
    }

    /// <summary>The callback of every timer this shim registers; <paramref name="data"/> carries the platform timer name.</summary>
    public async Task OnTimerAsync(byte[] data)
    {
        if (_timers.Delivery(data) is not { } timer)
        {
            return;
        }

        try
        {
            var actor = await ActorAsync();
            await actor.OnTimerAsync(timer, CancellationToken.None);
            await EndTurnAsync();
        }
        catch (Exception error)
        {
            await FailTurnAsync();
            Log.TimerFailed(_services.Logger, _id, timer.Name, error);
        }
    }

    /// <inheritdoc/>
    protected override async Task OnDeactivateAsync()
    {
        if (_actor is null)
        {
            return;
        }

        try
        {
            await _actor.OnDeactivateAsync(CancellationToken.None);
            await _state.SaveStateAsync();
        }
        catch (Exception error)
        {
            Log.DeactivationFailed(_services.Logger, _id, error);
        }
    }

    private async ValueTask<PlatformActor> ActorAsync()
    {
        if (_actor is { } active)
        {
            return active;
        }

        var host = new PlatformActorHost(_id, _state, _timers, _services.Reminders, _services.Runtime, _services.Time, _services.Services);
        var actor = _registration.Factory(host);
        await actor.OnActivateAsync(CancellationToken.None);
        _actor = actor;
        return actor;
    }

    private async ValueTask EndTurnAsync()
    {
        await _state.FlushAsync(CancellationToken.None);
        await FlushTimersAsync();
        ActorTurnMetrics.Completed(_registration.Type);
    }

    private async ValueTask FailTurnAsync()
    {
        ActorTurnMetrics.Failed(_registration.Type);
        _state.Discard();
        await StateManager.ClearCacheAsync();
        await FlushTimersAsync();
    }

    // Timers are not part of the state transaction: like the embedded runtime, a timer registered in a failed turn stays.
    private ValueTask FlushTimersAsync() => _timers.FlushAsync(change => change.Register
        ? (Task)RegisterTimerAsync(change.DaprName, nameof(OnTimerAsync), change.Data, change.DueTime, change.Period)
        : UnregisterTimerAsync(change.DaprName));
}
