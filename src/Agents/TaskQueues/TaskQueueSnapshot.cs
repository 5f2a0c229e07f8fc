using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Agents.TaskQueues;

/// <summary>The waiting tasks of this process at one moment.</summary>
/// <param name="Queues">One line per capability (or addressed agent), most waiting first; a task asking for several capabilities
/// counts under each.</param>
/// <param name="Waiting">Distinct waiting tasks (not the sum of <paramref name="Queues"/>).</param>
/// <param name="InboxBacklog">Waiting tasks already delivered to an agent's inbox, per priority; every priority is present.</param>
public sealed record TaskQueueSnapshot(
    IReadOnlyList<TaskQueueCount> Queues,
    int Waiting,
    IReadOnlyDictionary<MessagePriority, int> InboxBacklog);
