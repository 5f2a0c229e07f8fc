using AgentPlatform.Workflows.History;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The task events of one run's history by step: attempts, the agent of the last report, spend.</summary>
internal sealed class TeamTaskAttempts
{
    private readonly Dictionary<string, (int Count, DateTimeOffset First)> _scheduled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TeamSpendView> _spend = new(StringComparer.Ordinal);

    public static TeamTaskAttempts From(IReadOnlyList<WorkflowEvent> history)
    {
        var attempts = new TeamTaskAttempts();
        var stepOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in history)
        {
            switch (item)
            {
                case TaskScheduled scheduled:
                    stepOf[scheduled.TaskId] = scheduled.StepId;
                    attempts._scheduled[scheduled.StepId] = attempts._scheduled.TryGetValue(scheduled.StepId, out var seen)
                        ? (seen.Count + 1, seen.First)
                        : (1, scheduled.Timestamp);
                    break;
                case TaskCompleted completed when stepOf.TryGetValue(completed.TaskId, out var step):
                    attempts.Reported(step, completed.AgentId, completed.Usage);
                    break;
                case TaskFailed failed when stepOf.TryGetValue(failed.TaskId, out var step):
                    attempts.Reported(step, failed.AgentId, failed.Usage);
                    break;
            }
        }

        return attempts;
    }

    public int Count(string step) => _scheduled.TryGetValue(step, out var seen) ? seen.Count : 0;

    public DateTimeOffset? FirstScheduled(string step) => _scheduled.TryGetValue(step, out var seen) ? seen.First : null;

    public string? LastAgent(string step) => _agents.GetValueOrDefault(step);

    public TeamSpendView Spend(string step) => _spend.GetValueOrDefault(step) ?? TeamSpendView.None;

    private void Reported(string step, string? agentId, TaskUsage? usage)
    {
        if (agentId is not null)
        {
            _agents[step] = agentId;
        }

        if (usage is not null)
        {
            _spend[step] = Spend(step).Add(new TeamSpendView(usage.InputTokens, usage.OutputTokens, usage.Cost));
        }
    }
}
