namespace AgentPlatform.AgentHost.Teams;

/// <summary>The ids of sub-tasks in a run's joined plan: <c>{goal}--{sub-task}</c>, so ids of different goals cannot clash and
/// the goal of a task stays readable (in the history, in task ids and in a coordinator's re-plan).</summary>
public static class TeamSubTaskIds
{
    /// <summary>Between the goal id and the sub-task id; goal ids may not contain it.</summary>
    public const string Separator = "--";

    /// <summary>The joined id of sub-task <paramref name="subTask"/> of goal <paramref name="goal"/>.</summary>
    public static string Create(string goal, string subTask) => goal + Separator + subTask;

    /// <summary>The goal and sub-task of a joined id; null when <paramref name="id"/> has no separator.</summary>
    public static (string Goal, string SubTask)? Split(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var at = id.IndexOf(Separator, StringComparison.Ordinal);
        return at <= 0 ? null : (id[..at], id[(at + Separator.Length)..]);
    }
}
