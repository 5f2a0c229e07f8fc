using System.Text.Json;

namespace AgentPlatform.Agents.Core;

/// <summary>Reads an actor call payload or reply that is either the object itself (in process) or JSON (across processes).</summary>
internal static class ActorPayload
{
    public static T As<T>(object? payload) => payload switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>() ?? throw new InvalidOperationException($"The payload is null, not {typeof(T).Name}."),
        _ => throw new InvalidOperationException($"The payload is {payload?.GetType().Name ?? "null"}, not {typeof(T).Name}."),
    };
}
