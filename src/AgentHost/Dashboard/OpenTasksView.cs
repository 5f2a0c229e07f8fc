using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Workflow tasks awaiting a result, per capability (or per agent, for tasks addressed to one agent), read from the
/// pending tasks of running instances.</summary>
/// <param name="Queues">One line per capability or agent, most tasks first.</param>
/// <param name="ExaminedInstances">How many running instances were read.</param>
/// <param name="Truncated">True when more instances run than were read, so the counts are a lower bound.</param>
public sealed record OpenTasksView(
    [property: JsonPropertyName("queues")] IReadOnlyList<OpenTaskQueueView> Queues,
    [property: JsonPropertyName("examined_instances")] int ExaminedInstances,
    [property: JsonPropertyName("truncated")] bool Truncated)
{
    /// <summary>How many running instances one count reads at most.</summary>
    public const int MaxInstances = 100;

    /// <summary>Counts the pending tasks of <paramref name="running"/>; a task asking for several capabilities counts under each.</summary>
    public static OpenTasksView From(IReadOnlyCollection<WorkflowInstanceState> running, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(running);
        var queues = new Dictionary<string, (int Count, DateTimeOffset? Oldest)>(StringComparer.Ordinal);
        foreach (var state in running)
        {
            foreach (var pending in state.PendingTasks)
            {
                var since = state.Steps.FirstOrDefault(s => s.StepId == pending.Task.StepId)?.StartedAt;
                var selector = pending.Task.Agent;
                IEnumerable<string> names = selector.Capabilities is { Count: > 0 } capabilities
                    ? capabilities.Keys
                    : [$"agent:{selector.AgentId}"];
                foreach (var name in names)
                {
                    var (count, oldest) = queues.GetValueOrDefault(name);
                    queues[name] = (count + 1, oldest is null || (since is not null && since < oldest) ? since : oldest);
                }
            }
        }

        return new OpenTasksView(
            [.. queues.OrderByDescending(q => q.Value.Count).ThenBy(q => q.Key, StringComparer.Ordinal)
                .Select(q => new OpenTaskQueueView(q.Key, q.Value.Count, q.Value.Oldest))],
            running.Count,
            truncated);
    }
}
