using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Runtime.Actors;

/// <summary>What a runtime provides to one actor activation.</summary>
public sealed class ActorHost
{
    /// <summary>Creates the host of one activation; called by runtime implementations.</summary>
    public ActorHost(
        ActorId id,
        IActorStateManager stateManager,
        IActorTimers timers,
        IReminderService reminders,
        IActorRuntime runtime,
        TimeProvider time,
        IServiceProvider services)
    {
        Id = id;
        StateManager = stateManager;
        Timers = timers;
        Reminders = reminders;
        Runtime = runtime;
        Time = time;
        Services = services;
    }

    /// <summary>The address of the activated actor.</summary>
    public ActorId Id { get; }

    /// <summary>This activation's state manager.</summary>
    public IActorStateManager StateManager { get; }

    /// <summary>This activation's in-memory timers.</summary>
    public IActorTimers Timers { get; }

    /// <summary>Durable reminders.</summary>
    public IReminderService Reminders { get; }

    /// <summary>The runtime, for calling other actors.</summary>
    public IActorRuntime Runtime { get; }

    /// <summary>The clock; tests replace it with a manual one.</summary>
    public TimeProvider Time { get; }

    /// <summary>Application services.</summary>
    public IServiceProvider Services { get; }
}
