using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.TaskQueues;

/// <summary>How many tasks wait in one queue of this process, and since when the oldest has waited.</summary>
/// <param name="Name">A capability name, or <c>agent:&lt;id&gt;</c> for tasks addressed to one agent.</param>
/// <param name="Waiting">Tasks scheduled and not yet picked up by an agent.</param>
/// <param name="OldestSince">When the oldest of them was scheduled.</param>
public sealed record TaskQueueCount(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("waiting")] int Waiting,
    [property: JsonPropertyName("oldest_since")] DateTimeOffset OldestSince);
