namespace AgentPlatform.Runtime.Actors;

/// <summary>In-memory timers of one actor activation.</summary>
/// <remarks>Timers die with the activation (on deactivation or process exit); use reminders for anything that must survive.
/// Timer callbacks take the actor's turn like any other call.</remarks>
public interface IActorTimers
{
    /// <summary>Registers or replaces the timer <paramref name="name"/>; it first fires after <paramref name="dueTime"/>, then every <paramref name="period"/> if given.</summary>
    void Register(string name, TimeSpan dueTime, TimeSpan? period = null, object? state = null);

    /// <summary>Stops the timer <paramref name="name"/>; an unknown name is ignored.</summary>
    void Unregister(string name);
}
