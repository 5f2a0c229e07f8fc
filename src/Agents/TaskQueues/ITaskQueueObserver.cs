using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Agents.TaskQueues;

/// <summary>What an <see cref="AgentTaskActor"/> tells the process's <see cref="TaskQueueIndex"/> at its state transitions, so the
/// index knows which task attempts are waiting: scheduled and not yet picked up by an agent.</summary>
/// <remarks>Called inside the actor's turn: implementations only update memory and never block or throw.</remarks>
internal interface ITaskQueueObserver
{
    /// <summary>The actor loaded its record in this process (first activation, restart or a move between replicas).</summary>
    void Activated(AgentTaskRecord? record, TimeSpan leaseDuration);

    /// <summary>No agent can take the task yet; matching is retried later.</summary>
    void Unmatched(AgentTaskRecord record);

    /// <summary>The task was handed to an agent: an in-process agent runs it at once, an external agent finds it in its inbox.</summary>
    void Assigned(AgentTaskRecord record);

    /// <summary>The holder acted on the task for the first time or again (heartbeat, result, failure or rejection).</summary>
    void Acted(AgentTaskRecord record, DateTimeOffset at);

    /// <summary>The attempt ended.</summary>
    void Finished(string taskId);

    /// <summary>The actor left this process (idle, shutdown or a move to another replica).</summary>
    void Deactivated(string taskId);
}
