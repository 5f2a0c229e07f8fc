using System.Text.Json.Serialization;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Counts and spend over a run's sub-tasks.</summary>
/// <param name="Goals">Goals planned.</param>
/// <param name="SubTasks">Sub-tasks planned.</param>
/// <param name="Completed">Sub-tasks completed.</param>
/// <param name="Failed">Sub-tasks whose last run failed.</param>
/// <param name="Attempts">Attempts over all sub-tasks.</param>
/// <param name="Spend">Model spend over all sub-tasks.</param>
public sealed record TeamProjectTotals(
    [property: JsonPropertyName("goals")] int Goals,
    [property: JsonPropertyName("sub_tasks")] int SubTasks,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("spend")] TeamSpendView Spend);
