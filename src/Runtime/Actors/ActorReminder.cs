using System.Text.Json;

namespace AgentPlatform.Runtime.Actors;

/// <summary>A reminder delivery: the name and the data given when it was registered.</summary>
/// <param name="Name">The reminder name.</param>
/// <param name="Data">The registered data, if any.</param>
public sealed record ActorReminder(string Name, JsonElement? Data);
