namespace AgentPlatform.Agents.Liveness;

/// <summary>Heartbeat timing of agent liveness.</summary>
public sealed class AgentLivenessOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Agents:Liveness";

    /// <summary>How often an agent is expected to heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many consecutive intervals without a heartbeat turn an agent <see cref="AgentStatus.Offline"/>.</summary>
    public int MissedHeartbeatsBeforeOffline { get; set; } = 3;
}
