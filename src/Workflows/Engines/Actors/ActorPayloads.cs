using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Reads a call's payload: the object itself in process, JSON when the call crossed a process boundary.</summary>
internal static class ActorPayloads
{
    public static T Read<T>(ActorCall call) => call.Payload switch
    {
        T typed => typed,
        JsonElement json => json.Deserialize<T>(WorkflowJson.Options)
            ?? throw new ArgumentException($"The payload of '{call.Method}' is null."),
        _ => throw new ArgumentException($"The payload of '{call.Method}' must be a {typeof(T).Name}."),
    };
}
