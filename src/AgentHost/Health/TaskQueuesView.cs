using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Tasks waiting for an agent (scheduled and not yet picked up) in this process; with several replicas, sum them.</summary>
/// <param name="Waiting">Distinct waiting tasks.</param>
/// <param name="Capabilities">Per capability (or <c>agent:&lt;id&gt;</c>), most waiting first.</param>
/// <param name="InboxBacklog">Waiting tasks already in an agent's inbox, per priority.</param>
public sealed record TaskQueuesView(
    [property: JsonPropertyName("waiting")] int Waiting,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<TaskQueueView> Capabilities,
    [property: JsonPropertyName("inbox_backlog")] IReadOnlyDictionary<string, int> InboxBacklog);
