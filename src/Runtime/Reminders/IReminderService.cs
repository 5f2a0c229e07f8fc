using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Reminders;

/// <summary>Durable reminders for hosted actors.</summary>
/// <remarks>Reminders survive deactivation and process restarts; a reminder due while the process was down fires
/// soon after restart. A fire re-activates the actor and takes its turn. Registering an existing name replaces it.</remarks>
public interface IReminderService
{
    /// <summary>Registers or replaces a reminder; durable when the task completes.</summary>
    Task RegisterAsync(ActorId actor, ReminderRegistration reminder, CancellationToken cancellationToken = default);

    /// <summary>Reads a registered reminder, or null.</summary>
    Task<ReminderRegistration?> GetAsync(ActorId actor, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder; an unknown name is not an error.</summary>
    Task UnregisterAsync(ActorId actor, string name, CancellationToken cancellationToken = default);
}
