using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Reads a project run's tree (<see cref="TeamProjectView"/>) from its workflow status and history: the goals from the
/// recorded goal plan, the sub-tasks from the joined plan and every plan step that ran them, attempts, agents and spend from the
/// task events.</summary>
/// <remarks>Pure: the same status and history give the same tree, so the report the run records and a later read agree.</remarks>
public static class TeamProjectTree
{
    private static readonly string[] TopLevelSteps =
    [
        TeamProjectDefinition.ManagerStep, TeamProjectDefinition.GoalsStep, TeamProjectDefinition.GoalPlansStep,
        TeamProjectDefinition.SubTasksStep, TeamProjectDefinition.WorkStep, TeamProjectEscalation.Step, TeamProjectDefinition.ReportStep,
    ];

    private static readonly (string Step, string Level)[] EscalationSteps = [("ask-coordinator", "coordinator"), ("ask-manager", "manager"), ("human", "human")];

    /// <summary>The plan steps that run sub-tasks: the first run, then the re-runs after escalations.</summary>
    public static IReadOnlyList<string> RunSteps { get; } = [TeamProjectDefinition.WorkStep, .. TeamProjectEscalation.ReworkSteps];

    /// <summary>The tree of run <paramref name="state"/> of team <paramref name="team"/>.</summary>
    public static TeamProjectView Build(string team, WorkflowInstanceState state, IReadOnlyList<WorkflowEvent> history)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(history);
        var steps = state.Steps.ToDictionary(s => s.StepId, StringComparer.Ordinal);
        var attempts = Attempts.From(history);
        var plans = history.OfType<PlanRecorded>().Where(p => p.Plan is not null).GroupBy(p => p.StepId).ToDictionary(g => g.Key, g => g.Last().Plan!.Value, StringComparer.Ordinal);
        var goalOf = GoalsOfSubTasks(steps);
        var subTasks = SubTasks(plans, steps, attempts, goalOf);

        var goals = new List<TeamGoalView>();
        if (plans.TryGetValue(TeamProjectDefinition.GoalPlansStep, out var goalPlan))
        {
            var index = 0;
            foreach (var goal in PlanTasks(goalPlan))
            {
                var copy = WorkflowStepRef.Create(TeamProjectDefinition.GoalPlansStep, index++).ToString();
                var mine = subTasks.Where(s => s.Goal == goal.Id).Select(s => s.View).ToList();
                goals.Add(new TeamGoalView(goal.Id, goal.DependsOn, GoalStatus(Find(steps, copy), mine), attempts.LastAgent(copy), mine));
            }
        }

        foreach (var orphan in subTasks.Where(s => goals.All(g => g.Id != s.Goal)).GroupBy(s => s.Goal))
        {
            var mine = orphan.Select(s => s.View).ToList();
            goals.Add(new TeamGoalView(orphan.Key, [], GoalStatus(null, mine), null, mine));
        }

        var escalations = EscalationSteps
            .Where(e => Find(steps, e.Step) is { Status: not (StepStatus.Pending or StepStatus.Skipped) })
            .Select(e => new TeamEscalationView(e.Level, Name(steps[e.Step].Status), attempts.LastAgent(e.Step), steps[e.Step].Output))
            .ToList();
        var all = subTasks.Select(s => s.View).ToList();
        var totals = new TeamProjectTotals(
            goals.Count,
            all.Count,
            all.Count(s => s.Status == "completed"),
            all.Count(s => s.Status == "failed"),
            all.Sum(s => s.Attempts),
            all.Aggregate(TeamSpendView.None, (sum, s) => sum.Add(s.Spend)));
        var workError = Find(steps, TeamProjectDefinition.WorkStep) is { Status: StepStatus.Failed } work ? work.Error : null;
        return new TeamProjectView(
            team, state.InstanceId, ProjectStatus(state, steps), Phase(state, steps), state.Error ?? workError, state.StartedAt, state.EndedAt, goals, escalations, totals);
    }

    /// <summary>Whether the sub-tasks' work completed: the first run or a re-run after an escalation.</summary>
    public static bool WorkCompleted(IReadOnlyDictionary<string, StepState> steps) =>
        RunSteps.Any(s => Find(steps, s) is { Status: StepStatus.Completed });

    private static string ProjectStatus(WorkflowInstanceState state, Dictionary<string, StepState> steps) => state.Status switch
    {
        WorkflowStatus.Completed => WorkCompleted(steps) ? "completed" : "failed",
        WorkflowStatus.Failed => "failed",
        WorkflowStatus.Terminated => "terminated",
        _ when Find(steps, TeamProjectEscalation.Step) is { Status: StepStatus.Running } => "escalated",
        _ when Find(steps, TeamProjectDefinition.WorkStep) is { Status: not StepStatus.Pending } => "running",
        _ => "planning",
    };

    private static string Phase(WorkflowInstanceState state, Dictionary<string, StepState> steps) =>
        state.Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated
            ? "done"
            : TopLevelSteps.LastOrDefault(s => Find(steps, s) is { Status: not (StepStatus.Pending or StepStatus.Skipped) }) ?? TeamProjectDefinition.ManagerStep;

    private static string GoalStatus(StepState? planning, List<TeamSubTaskView> subTasks)
    {
        if (planning is { Status: StepStatus.Pending })
        {
            return "pending";
        }

        if (planning is { Status: StepStatus.Running })
        {
            return "planning";
        }

        if (planning is { Status: StepStatus.Failed or StepStatus.Abandoned } || subTasks.Any(s => s.Status is "failed" or "abandoned"))
        {
            return "failed";
        }

        if (subTasks.Count > 0 && subTasks.All(s => s.Status == "completed"))
        {
            return "completed";
        }

        return subTasks.Any(s => s.Status is "running" or "completed") ? "running" : "pending";
    }

    /// <summary>Merged sub-task id → goal, from the joined plan's table.</summary>
    private static Dictionary<string, string> GoalsOfSubTasks(Dictionary<string, StepState> steps)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(steps, TeamProjectDefinition.SubTasksStep)?.Output is { ValueKind: JsonValueKind.Object } joined
            && joined.TryGetProperty("tasks", out var rows) && rows.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in rows.EnumerateArray())
            {
                table[row.GetProperty("id").GetString()!] = row.GetProperty("goal").GetString()!;
            }
        }

        return table;
    }

    /// <summary>Every sub-task of every run, the last run of each id deciding its status.</summary>
    private static List<(string Goal, TeamSubTaskView View)> SubTasks(
        Dictionary<string, JsonElement> plans, Dictionary<string, StepState> steps, Attempts attempts, Dictionary<string, string> goalOf)
    {
        var order = new List<string>();
        var views = new Dictionary<string, TeamSubTaskView>(StringComparer.Ordinal);
        foreach (var run in RunSteps)
        {
            if (!plans.TryGetValue(run, out var plan))
            {
                continue;
            }

            var index = 0;
            foreach (var task in PlanTasks(plan))
            {
                var copy = WorkflowStepRef.Create(run, index++).ToString();
                var state = Find(steps, copy);
                var earlier = views.GetValueOrDefault(task.Id);
                if (earlier is null)
                {
                    order.Add(task.Id);
                }

                var started = earlier?.StartedAt ?? attempts.FirstScheduled(copy);
                var ended = state?.Status is StepStatus.Completed or StepStatus.Failed or StepStatus.Abandoned ? state.EndedAt : null;
                views[task.Id] = new TeamSubTaskView(
                    SubTaskName(task.Id),
                    copy,
                    state is null ? "pending" : Name(state.Status),
                    attempts.LastAgent(copy) ?? earlier?.Agent,
                    (earlier?.Attempts ?? 0) + attempts.Count(copy),
                    started,
                    ended,
                    started is { } from && ended is { } to ? (long)(to - from).TotalMilliseconds : null,
                    (earlier?.Spend ?? TeamSpendView.None).Add(attempts.Spend(copy)),
                    state?.Error ?? (state?.Status == StepStatus.Completed ? null : earlier?.Error),
                    state?.Status == StepStatus.Completed ? state.Output : null);
            }
        }

        return [.. order.Select(id => (GoalOf(id, goalOf), views[id]))];
    }

    private static string GoalOf(string id, Dictionary<string, string> goalOf) =>
        goalOf.TryGetValue(id, out var goal) ? goal : TeamSubTaskIds.Split(id)?.Goal ?? "replan";

    private static string SubTaskName(string id) => TeamSubTaskIds.Split(id)?.SubTask ?? id;

    private static IEnumerable<(string Id, IReadOnlyList<string> DependsOn)> PlanTasks(JsonElement plan)
    {
        if (plan.ValueKind != JsonValueKind.Object || !plan.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var task in tasks.EnumerateArray())
        {
            IReadOnlyList<string> dependsOn = task.TryGetProperty("depends_on", out var deps) && deps.ValueKind == JsonValueKind.Array
                ? [.. deps.EnumerateArray().Select(d => d.GetString() ?? string.Empty)]
                : [];
            yield return (task.GetProperty("id").GetString()!, dependsOn);
        }
    }

    private static StepState? Find(IReadOnlyDictionary<string, StepState> steps, string id) => steps.GetValueOrDefault(id);

    private static string Name(StepStatus status) => JsonSerializer.Serialize(status).Trim('"');

    /// <summary>The task events of a history by step: attempts, the agent of the last report, spend.</summary>
    private sealed class Attempts
    {
        private readonly Dictionary<string, (int Count, DateTimeOffset First)> _scheduled = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _agents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TeamSpendView> _spend = new(StringComparer.Ordinal);

        public static Attempts From(IReadOnlyList<WorkflowEvent> history)
        {
            var attempts = new Attempts();
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
}
