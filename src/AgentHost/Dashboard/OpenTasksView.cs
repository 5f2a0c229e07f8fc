using System.Text.Json.Serialization;
using AgentPlatform.Agents.TaskQueues;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Tasks waiting for an agent (scheduled and not yet picked up), per capability (or per agent, for tasks addressed to one
/// agent), as the process's <see cref="TaskQueueIndex"/> counts them.</summary>
/// <param name="Queues">One line per capability or agent, most tasks first.</param>
/// <param name="Waiting">Distinct waiting tasks; a task asking for several capabilities counts once here and under each of them.</param>
public sealed record OpenTasksView(
    [property: JsonPropertyName("queues")] IReadOnlyList<OpenTaskQueueView> Queues,
    [property: JsonPropertyName("waiting")] int Waiting)
{
    /// <summary>The view of <paramref name="snapshot"/>.</summary>
    public static OpenTasksView From(TaskQueueSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new OpenTasksView([.. snapshot.Queues.Select(q => new OpenTaskQueueView(q.Name, q.Waiting, q.OldestSince))], snapshot.Waiting);
    }
}
