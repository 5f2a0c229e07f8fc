using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Health;

/// <summary>The operator summary at <c>GET /api/v1/health</c>.</summary>
public sealed record OperatorHealthView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, string> Checks,
    [property: JsonPropertyName("agents")] AgentCountsView Agents,
    [property: JsonPropertyName("channels")] ChannelCountsView Channels,
    [property: JsonPropertyName("queues")] TaskQueuesView Queues,
    [property: JsonPropertyName("database")] DatabaseView? Database);
