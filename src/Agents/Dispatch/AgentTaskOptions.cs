namespace AgentPlatform.Agents.Dispatch;

/// <summary>Leases, matching back-off and result bounds of tasks handed to agents.</summary>
public sealed class AgentTaskOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Tasks";

    /// <summary>How long an external agent holds a task without a heartbeat; each task heartbeat extends the lease by this much.
    /// A task whose lease runs out fails its attempt (and moves to the next-best agent within the step's retry budget).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The least time an external agent still holds its task after the host (its actor runtime) starts again, whatever
    /// its lease said; null (the default) means <see cref="LeaseDuration"/>, a full lease from the start.</summary>
    /// <remarks>A lease that ran out while the host was down would otherwise time the attempt out at once, though the agent could
    /// not heartbeat the task to a host that was not there. Zero counts the downtime against the lease. With several replicas in
    /// Dapr mode, the start is that of the replica hosting the task's actor.</remarks>
    public TimeSpan? RestartGrace { get; set; }

    /// <summary>How often the presence of an agent holding a task is checked; a task whose agent went offline fails at the next
    /// check instead of waiting for its lease to run out.</summary>
    public TimeSpan OfflineCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before matching again when no agent can take a task; it doubles per try up to <see cref="MaxMatchBackoff"/>.</summary>
    public TimeSpan MatchBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The cap of the doubling wait between matching tries.</summary>
    public TimeSpan MaxMatchBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an ended attempt is remembered after it ended, so that a duplicate or late result still answers
    /// <c>duplicate</c> or <c>late</c> and a dispatch repeated after a restart reports the same outcome; then its state is removed
    /// (and a task id acted on afterwards is unknown). The agents excluded from a piece of work are forgotten this long after the last
    /// failed attempt, or when an attempt of it completes.</summary>
    public TimeSpan RetainEnded { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest task output an agent may post, in bytes of JSON.</summary>
    public int MaxOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest error or rejection reason an agent may post, in characters.</summary>
    public int MaxErrorLength { get; set; } = 4000;

    /// <summary>When a lease granted until <paramref name="leaseUntil"/> runs out in a runtime started at
    /// <paramref name="runtimeStarted"/>: at <paramref name="leaseUntil"/>, but not before <see cref="RestartGrace"/> after the start.</summary>
    public DateTimeOffset LeaseEnd(DateTimeOffset leaseUntil, DateTimeOffset runtimeStarted)
    {
        var graceEnd = runtimeStarted + (RestartGrace ?? LeaseDuration);
        return leaseUntil > graceEnd ? leaseUntil : graceEnd;
    }

    /// <summary>The wait before matching try <paramref name="tries"/> (1-based): <see cref="MatchBackoff"/> doubled per earlier try,
    /// at most <see cref="MaxMatchBackoff"/>.</summary>
    public TimeSpan MatchDelay(int tries)
    {
        var delay = MatchBackoff.TotalMilliseconds * Math.Pow(2, Math.Clamp(tries - 1, 0, 30));
        return delay >= MaxMatchBackoff.TotalMilliseconds ? MaxMatchBackoff : TimeSpan.FromMilliseconds(delay);
    }
}
