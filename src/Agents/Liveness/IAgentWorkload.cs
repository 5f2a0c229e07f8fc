namespace AgentPlatform.Agents.Liveness;

/// <summary>The port through which task dispatch tells the registry that an agent started or finished a task; it drives the
/// agent's load, its <see cref="AgentStatus.Working"/>, <see cref="AgentStatus.Busy"/> and <see cref="AgentStatus.Error"/> status and its
/// <see cref="AgentTrackRecord"/>, which matching ranks by.</summary>
/// <remarks>Each call is applied in a turn of the agent's presence actor (calls for one agent made while another is in flight share
/// the next turn) and is durable before it returns; the new state is published as an
/// <see cref="AgentRegistryEntry"/>. Calls are not idempotent: dispatch calls <see cref="TaskStartedAsync"/> once per attempt it hands
/// to the agent and <see cref="TaskFinishedAsync"/> once per such attempt when its outcome is known (a finish with no task in flight
/// leaves the load at zero but still counts in the track record).</remarks>
public interface IAgentWorkload
{
    /// <summary>Counts one more task in flight: the agent turns <see cref="AgentStatus.Working"/>, or <see cref="AgentStatus.Busy"/>
    /// at its limit.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> TaskStartedAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Counts one task fewer in flight and records its outcome: a failure turns the agent <see cref="AgentStatus.Error"/>
    /// until a later success or a heartbeat declaring it idle; <paramref name="latency"/> updates the latency average.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> TaskFinishedAsync(string agentId, bool succeeded, TimeSpan latency, CancellationToken cancellationToken = default);

    /// <summary>Counts one task fewer in flight without an outcome: the work was taken away for reasons not the agent's own (the
    /// workflow was terminated or no longer needs it), so the track record and error status stay as they are.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is not a valid agent name.</exception>
    ValueTask<AgentPresence> TaskReleasedAsync(string agentId, CancellationToken cancellationToken = default);
}
