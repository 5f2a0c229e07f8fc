using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Reads a project run's tree (<see cref="TeamProjectView"/>): the goals from the plans its goal steps recorded, each goal
/// from its goal run (a child workflow, <see cref="TeamGoalTree"/>), the manager's and a human's escalation from the project run.</summary>
/// <remarks><see cref="Build"/> is pure: the same runs give the same tree, so the report the run records and a later read agree.</remarks>
public static class TeamProjectTree
{
    private static readonly string[] TopLevelSteps = [TeamSteps.Members, TeamSteps.Manager, TeamSteps.Plan, TeamSteps.Goals, TeamSteps.Escalate, TeamSteps.Report];

    private static readonly (string Step, string Level)[] ProjectEscalations = [(TeamSteps.AskManager, "manager"), (TeamSteps.Human, "human")];

    /// <summary>Reads the project run <paramref name="state"/> and every goal run it started, then builds its tree.</summary>
    public static async Task<TeamProjectView> ReadAsync(string team, WorkflowInstanceState state, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(workflows);
        var project = new TeamRun(state, await workflows.GetHistoryAsync(WorkflowInstanceId.Parse(state.InstanceId), cancellationToken) ?? []);
        return Build(team, project, await ReadGoalRunsAsync(project, workflows, cancellationToken));
    }

    /// <summary>The goal runs <paramref name="project"/> started, by instance id.</summary>
    public static async Task<IReadOnlyDictionary<string, TeamRun>> ReadGoalRunsAsync(TeamRun project, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(workflows);
        var children = new Dictionary<string, TeamRun>(StringComparer.Ordinal);
        foreach (var child in TeamSteps.GoalRuns.SelectMany(project.PlanTasks).Select(t => project.Step(t.Copy)?.ChildInstanceId).OfType<string>())
        {
            var id = WorkflowInstanceId.Parse(child);
            if (await workflows.GetStatusAsync(id, cancellationToken) is { } childState)
            {
                children[child] = new TeamRun(childState, await workflows.GetHistoryAsync(id, cancellationToken) ?? []);
            }
        }

        return children;
    }

    /// <summary>The tree of <paramref name="project"/> of team <paramref name="team"/>; <paramref name="children"/>: its goal runs by
    /// instance id.</summary>
    public static TeamProjectView Build(string team, TeamRun project, IReadOnlyDictionary<string, TeamRun> children)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(children);
        var order = new List<string>();
        var goals = new Dictionary<string, TeamGoalView>(StringComparer.Ordinal);
        var escalations = new List<TeamEscalationView>();
        foreach (var (id, dependsOn, copy) in TeamSteps.GoalRuns.SelectMany(project.PlanTasks))
        {
            var run = project.Step(copy)?.ChildInstanceId is { } child ? children.GetValueOrDefault(child) : null;
            if (!goals.ContainsKey(id))
            {
                order.Add(id);
            }

            goals[id] = TeamGoalTree.Build(id, dependsOn, run);
            if (run is not null)
            {
                escalations.AddRange(TeamGoalTree.Escalations(run));
            }
        }

        var attempts = project.Attempts;
        escalations.AddRange(ProjectEscalations
            .Where(e => project.Step(e.Step) is { Status: not (StepStatus.Pending or StepStatus.Skipped) })
            .Select(e => new TeamEscalationView(e.Level, TeamGoalTree.Name(project.Steps[e.Step].Status), attempts.LastAgent(e.Step), project.Steps[e.Step].Output)));
        var tree = order.Select(id => goals[id]).ToList();
        var all = tree.SelectMany(g => g.SubTasks).ToList();
        var totals = new TeamProjectTotals(
            tree.Count,
            all.Count,
            all.Count(s => s.Status == "completed"),
            all.Count(s => s.Status == "failed"),
            all.Sum(s => s.Attempts),
            all.Aggregate(TeamSpendView.None, (sum, s) => sum.Add(s.Spend)));
        var state = project.State;
        return new TeamProjectView(
            team, state.InstanceId, ProjectStatus(project), Phase(project), state.Error ?? WorkError(project), state.StartedAt, state.EndedAt, tree, escalations, totals,
            TeamExecutors.Of(project));
    }

    /// <summary>Whether the goals' work completed: the first run or a re-run after the manager's or a human's answer.</summary>
    public static bool WorkCompleted(TeamRun project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.AnyCompleted(TeamSteps.GoalRuns);
    }

    /// <summary>Why the goals' work did not complete; null when it did or has not failed yet.</summary>
    public static string? WorkError(TeamRun project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return WorkCompleted(project) ? null : project.LastError(TeamSteps.GoalRuns);
    }

    private static string ProjectStatus(TeamRun project) => project.EndStatus ?? project switch
    {
        _ when project.Step(TeamSteps.Escalate) is { Status: StepStatus.Running } => "escalated",
        _ when project.Step(TeamSteps.Goals) is { Status: not StepStatus.Pending } => "running",
        _ => "planning",
    };

    private static string Phase(TeamRun project) =>
        project.EndStatus is not null
            ? "done"
            : TopLevelSteps.LastOrDefault(s => project.Step(s) is { Status: not (StepStatus.Pending or StepStatus.Skipped) }) ?? TeamSteps.Manager;
}
