using System.Text.Json;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Reads one goal of a project (<see cref="TeamGoalView"/>) from its goal run's status and history: the coordinator from
/// the planning step, the sub-tasks from the plan steps that ran them, the coordinator's escalation from its request step.</summary>
/// <remarks>Pure: the same status and history give the same view, so a goal's report and a later read of the project agree.</remarks>
public static class TeamGoalTree
{
    /// <summary>The view of goal <paramref name="id"/>; <paramref name="run"/> is null while its goal run has not started.</summary>
    public static TeamGoalView Build(string id, IReadOnlyList<string> dependsOn, TeamRun? run)
    {
        ArgumentNullException.ThrowIfNull(dependsOn);
        if (run is null)
        {
            return new TeamGoalView(id, dependsOn, "pending", null, []);
        }

        var status = run.EndStatus ?? (run.Step(TeamSteps.Work) is null or { Status: StepStatus.Pending } ? "planning" : "running");
        return new TeamGoalView(id, dependsOn, status, run.Attempts.LastAgent(TeamSteps.Coordinator), SubTasks(run, run.Attempts));
    }

    /// <summary>The coordinator's escalations in <paramref name="run"/>, one per round it was asked, in round order.</summary>
    public static IEnumerable<TeamEscalationView> Escalations(TeamRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (var round = 1; run.Step(TeamSteps.Round(TeamSteps.AskCoordinator, round)) is { } ask; round++)
        {
            if (ask.Status is not (StepStatus.Pending or StepStatus.Skipped))
            {
                yield return new TeamEscalationView("coordinator", Name(ask.Status), run.Attempts.LastAgent(ask.StepId), ask.Output);
            }
        }
    }

    /// <summary>The goal report, the output of a goal run: its view, whether its sub-tasks' work completed, the error when not.</summary>
    public static TeamGoalReport Report(string id, TeamRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runs = SubTaskRuns(run);
        var recovered = run.AnyCompleted(runs);
        var error = recovered ? null : run.LastError(runs) ?? run.Step(TeamSteps.Work)?.Error;
        var view = Build(id, [], run) with { Status = recovered ? "completed" : "failed" };
        return new TeamGoalReport(view.Status, error, view, [.. Escalations(run)]);
    }

    /// <summary>The plan steps of <paramref name="run"/> that run sub-tasks, over every escalation round its definition has.</summary>
    private static List<string> SubTaskRuns(TeamRun run) => [.. TeamSteps.SubTaskRuns(run.Steps.ContainsKey)];

    /// <summary>Every sub-task of every plan step of the run, the last run of each id deciding its status.</summary>
    private static List<TeamSubTaskView> SubTasks(TeamRun run, TeamTaskAttempts attempts)
    {
        var order = new List<string>();
        var views = new Dictionary<string, TeamSubTaskView>(StringComparer.Ordinal);
        foreach (var planStep in SubTaskRuns(run))
        {
            foreach (var (id, _, copy) in run.PlanTasks(planStep))
            {
                var state = run.Step(copy);
                var earlier = views.GetValueOrDefault(id);
                if (earlier is null)
                {
                    order.Add(id);
                }

                var started = earlier?.StartedAt ?? attempts.FirstScheduled(copy);
                var ended = state?.Status is StepStatus.Completed or StepStatus.Failed or StepStatus.Abandoned ? state.EndedAt : null;
                views[id] = new TeamSubTaskView(
                    id,
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

        return [.. order.Select(id => views[id])];
    }

    /// <summary>The wire name of a step status.</summary>
    internal static string Name(StepStatus status) => JsonSerializer.Serialize(status).Trim('"');
}
