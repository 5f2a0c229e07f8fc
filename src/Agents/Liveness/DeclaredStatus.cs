namespace AgentPlatform.Agents.Liveness;

/// <summary>What an agent says about itself in a heartbeat; see <see cref="IAgentPresence.ReportStatusAsync"/>.</summary>
public enum DeclaredStatus
{
    /// <summary>Ready for work: clears <see cref="Busy"/>, <see cref="Waiting"/> and an <see cref="AgentStatus.Error"/>; the status
    /// is then <see cref="AgentStatus.Idle"/> or, by load, <see cref="AgentStatus.Working"/> or <see cref="AgentStatus.Busy"/>.</summary>
    Idle,

    /// <summary>Not to be given new work until it declares <see cref="Idle"/> again.</summary>
    Busy,

    /// <summary>Blocked on another agent or a human until it declares <see cref="Idle"/> again.</summary>
    Waiting,
}
