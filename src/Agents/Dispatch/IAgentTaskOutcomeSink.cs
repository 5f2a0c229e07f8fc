namespace AgentPlatform.Agents.Dispatch;

/// <summary>Receives the outcome of every dispatched task attempt that ended on its own (result, failure, rejection, timed-out lease,
/// agent offline); attempts cancelled by the dispatcher's caller are not reported.</summary>
/// <remarks>At-least-once: an outcome is reported again when the same attempt is dispatched again (after a restart), so the receiver
/// must ignore a second report of the same task id.</remarks>
public interface IAgentTaskOutcomeSink
{
    /// <summary>Records <paramref name="outcome"/>.</summary>
    ValueTask ReportAsync(AgentTaskOutcome outcome, CancellationToken cancellationToken = default);
}
