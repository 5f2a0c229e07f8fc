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

    /// <summary>How stale the persisted last heartbeat of an online agent may get before a heartbeat writes it again; null (the
    /// default) means <see cref="HeartbeatInterval"/>, or zero when <see cref="MissedHeartbeatsBeforeOffline"/> is 1.</summary>
    /// <remarks>
    /// <para>The active presence actor keeps the authoritative last heartbeat in memory, and its offline check reads it there. A
    /// heartbeat that changes nothing but that time answers without a durable write unless the persisted time is at least this much
    /// older; status changes (offline to available, the busy flag, offline) are durable before the answer, and deactivation persists
    /// the latest time. So only a crash can lose heartbeat times, and the persisted last heartbeat then lags the last answered one
    /// by less than this bound.</para>
    /// <para>It must be between zero (every heartbeat is durable) and <c>HeartbeatInterval × (MissedHeartbeatsBeforeOffline − 1)</c>:
    /// after a crash, an agent whose next heartbeat comes within one interval of its last is then seen no older than
    /// <c>HeartbeatInterval + PersistHeartbeatEvery</c> before that next heartbeat, which stays under the offline threshold.</para>
    /// </remarks>
    public TimeSpan? PersistHeartbeatEvery { get; set; }

    /// <summary>The shortest heartbeat interval an agent may declare for itself (default 1 s).</summary>
    public TimeSpan MinAgentHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest heartbeat interval an agent may declare for itself (default and at most 24 hours), for clients that
    /// check in every few hours.</summary>
    public TimeSpan MaxAgentHeartbeatInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether every accepted request an agent authenticates counts as a heartbeat that declares nothing (default true), so
    /// clients that only fetch their profile now and then stay online.</summary>
    public bool RequestsCountAsHeartbeats { get; set; } = true;

    /// <summary>How long an agent that was online when the host went down stays online after the host (its actor runtime) starts
    /// again without a heartbeat; null (the default) means the agent's own heartbeat window, <c>interval × MissedHeartbeatsBeforeOffline</c>.</summary>
    /// <remarks>An online agent turns offline once both its window since its last heartbeat and this grace since the runtime's
    /// start (<c>IActorRuntime.StartedAt</c>) have passed, so time the host was away is not counted as missed heartbeats. Zero
    /// counts the downtime as missed heartbeats. With several replicas in Dapr mode, the start is that of the replica hosting the
    /// agent's presence actor.</remarks>
    public TimeSpan? RestartGrace { get; set; }

    /// <summary>The weight of a new task latency in the agent's latency average, in (0, 1] (default 0.2).</summary>
    public double LatencySmoothing { get; set; } = 0.2;

    /// <summary>The bound in effect: <see cref="PersistHeartbeatEvery"/> when set, otherwise its default.</summary>
    internal TimeSpan EffectivePersistHeartbeatEvery =>
        PersistHeartbeatEvery ?? (MissedHeartbeatsBeforeOffline > 1 ? HeartbeatInterval : TimeSpan.Zero);

    /// <summary>The largest <see cref="PersistHeartbeatEvery"/> that cannot turn an agent heartbeating on schedule offline after a
    /// crash.</summary>
    internal TimeSpan MaximumPersistHeartbeatEvery => HeartbeatInterval * Math.Max(0, MissedHeartbeatsBeforeOffline - 1);
}
