using System.Text.Json;

namespace AgentPlatform.Runtime.Reminders;

/// <summary>A durable reminder: fires after <see cref="DueTime"/>, then every <see cref="Period"/> if set.</summary>
/// <param name="Name">The reminder name, unique per actor.</param>
/// <param name="DueTime">Delay before the first fire; zero fires now.</param>
/// <param name="Period">Interval between fires; null fires once.</param>
/// <param name="Data">Data handed back on every fire.</param>
public sealed record ReminderRegistration(string Name, TimeSpan DueTime, TimeSpan? Period = null, JsonElement? Data = null);
