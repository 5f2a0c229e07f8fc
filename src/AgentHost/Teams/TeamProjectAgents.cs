using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The built-in in-process steps of a team's project and goal runs: they address plans, compute the reports and post progress
/// as <c>system</c> messages in the team's channel. Their outputs are recorded in the run's history like any task result.</summary>
/// <remarks>A handler may run again for the same task after a crash (a result not yet recorded is asked for again); every one
/// is a function of its input and the recorded runs, and a repeated channel message is the only visible effect.</remarks>
public static class TeamProjectAgents
{
    /// <summary>Resolves the team's executors when a project run starts (see <see cref="TeamExecutors"/>).</summary>
    public const string Members = "team-members";

    /// <summary>Addresses the manager's goals to the team's goal definition.</summary>
    public const string Goals = "team-goals";

    /// <summary>Computes the plan of what did not complete and announces an escalation.</summary>
    public const string Remaining = "team-remaining";

    /// <summary>Posts a message of the run to the team's channel.</summary>
    public const string Announce = "team-announce";

    /// <summary>Writes a goal's report (the output of a goal run).</summary>
    public const string GoalReport = "team-goal-report";

    /// <summary>Writes the project report (the tree of the run) and announces the outcome.</summary>
    public const string Report = "team-report";

    /// <summary>Fails with the error of its input, so the run fails.</summary>
    public const string Fail = "team-fail";

    /// <summary>Registers the handlers; services are resolved when a task runs, so the workflow client may depend on
    /// <paramref name="agents"/>.</summary>
    public static void Register(InProcessTaskAgents agents, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(services);
        agents.Register(Members, (task, token) => MembersAsync(task, agents, services, token));
        agents.Register(Goals, (task, token) => GoalsAsync(task, services, token));
        agents.Register(Remaining, (task, token) => RemainingAsync(task, services, token));
        agents.Register(Announce, (task, token) => AnnounceAsync(task, services, token));
        agents.Register(GoalReport, (task, token) => GoalReportAsync(task, services, token));
        agents.Register(Report, (task, token) => ReportAsync(task, services, token));
        agents.Register(Fail, (task, _) => throw new InvalidOperationException(Input(task)["error"]?.ToString() ?? "the run failed"));
    }

    private static async ValueTask<JsonElement> MembersAsync(
        WorkflowTask task, InProcessTaskAgents agents, IServiceProvider services, CancellationToken cancellationToken)
    {
        var executors = await TeamExecutors.ResolveAsync(Input(task), services.GetRequiredService<IAgentRegistry>(), agents, cancellationToken);
        return ToElement(new JsonObject { ["executors"] = new JsonArray([.. executors.Select(e => (JsonNode?)e)]) });
    }

    private static async ValueTask<JsonElement> GoalsAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var addressed = TeamPlans.AddressGoals(
            input["plan"], TeamGoalDefinition.IdFor(team), team, input["project"], input["goal_version"]?.GetValue<int>(), input["executors"]);
        var goals = (addressed?["tasks"] as JsonArray)?.Select(g => g?["id"]?.ToString()).ToList() ?? [];
        await PostAsync(services, team, input["title"]?.ToString() ?? "project planned", string.Create(
            CultureInfo.InvariantCulture, $"Run {task.InstanceId}: the manager planned {goals.Count} goals ({string.Join(", ", goals)}); each runs as a goal run its coordinator plans."), cancellationToken);
        return ToElement(addressed);
    }

    private static async ValueTask<JsonElement> RemainingAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var level = input["level"]?.ToString() ?? "coordinator";
        var run = await ReadRunAsync(services, task, cancellationToken);
        var failed = FailedStep(input["step"], run);
        var error = run.Step(failed)?.Error is { } failure ? JsonValue.Create(failure) : null;
        JsonObject? remaining = null;
        if (run.Plans.TryGetValue(failed, out var recorded))
        {
            var completed = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
            foreach (var (id, _, copy) in run.PlanTasks(failed))
            {
                if (run.Step(copy) is { Status: StepStatus.Completed } done)
                {
                    completed[id] = done.Output;
                }
            }

            remaining = TeamPlans.Remaining(recorded, completed);
        }

        var left = (remaining?["tasks"] as JsonArray)?.Count ?? 0;
        var what = level == "manager" ? "goals" : "sub-tasks";
        await PostAsync(services, team, $"escalation to the {level}", string.Create(
            CultureInfo.InvariantCulture, $"Run {task.InstanceId}: {error}; {left} {what} remain. Asking the {level}: retry, replan, give_up or ask_human."), cancellationToken);
        var answer = new JsonObject { ["plan"] = remaining, ["error"] = error };
        if (level == "manager" && remaining is not null)
        {
            answer["goals"] = TeamPlans.ManagerGoals(remaining);
        }

        return ToElement(answer);
    }

    /// <summary>The plan step whose failure is escalated: <paramref name="step"/> names it, or lists the candidates of an escalation
    /// round after the first (the coordinator's retry and re-plan of the round before, of which one ran), the failed one winning.</summary>
    private static string FailedStep(JsonNode? step, TeamRun run) => step switch
    {
        JsonArray candidates when candidates.Select(c => c!.GetValue<string>()).ToList() is { Count: > 0 } names =>
            names.FirstOrDefault(n => run.Step(n) is { Status: StepStatus.Failed }) ?? names[0],
        JsonValue name => name.GetValue<string>(),
        _ => throw new InvalidOperationException("the input names no failed step"),
    };

    private static async ValueTask<JsonElement> AnnounceAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        await PostAsync(services, Team(input), input["title"]?.ToString() ?? "progress", $"Run {task.InstanceId}: {input["content"]}", cancellationToken);
        return ToElement(null);
    }

    private static async ValueTask<JsonElement> GoalReportAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var goal = input["goal"]?.ToString() ?? throw new InvalidOperationException("the input names no goal");
        return JsonSerializer.SerializeToElement(TeamGoalTree.Report(goal, await ReadRunAsync(services, task, cancellationToken)));
    }

    private static async ValueTask<JsonElement> ReportAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var project = await ReadRunAsync(services, task, cancellationToken);
        var tree = TeamProjectTree.Build(team, project, await TeamProjectTree.ReadGoalRunsAsync(project, services.GetRequiredService<IWorkflowClient>(), cancellationToken));
        var completed = TeamProjectTree.WorkCompleted(project);
        // While this step runs the project has no error of its own, so the tree's error is already the goals' work error.
        var report = tree with { Status = completed ? "completed" : "failed", Phase = "done" };
        await PostAsync(services, team, $"project {report.Status}", string.Create(
            CultureInfo.InvariantCulture,
            $"Run {task.InstanceId} {report.Status}: {report.Totals.Completed} of {report.Totals.SubTasks} sub-tasks completed over {report.Totals.Goals} goals, {report.Totals.Attempts} attempts."),
            cancellationToken);
        return JsonSerializer.SerializeToElement(report);
    }

    /// <summary>The run <paramref name="task"/> belongs to, as it stands while the task runs.</summary>
    private static async Task<TeamRun> ReadRunAsync(IServiceProvider services, WorkflowTask task, CancellationToken cancellationToken)
    {
        var workflows = services.GetRequiredService<IWorkflowClient>();
        var state = await workflows.GetStatusAsync(task.InstanceId, cancellationToken) ?? throw new InvalidOperationException($"run '{task.InstanceId}' is gone");
        return new TeamRun(state, await workflows.GetHistoryAsync(task.InstanceId, cancellationToken) ?? []);
    }

    private static Task PostAsync(IServiceProvider services, string team, string title, string content, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChannelService>().AnnounceAsync(ChannelId.Create(TeamRules.ChannelOf(team)), TeamEndpoints.ChannelOwner, title, content, cancellationToken);

    private static JsonObject Input(WorkflowTask task) =>
        task.Input is { ValueKind: JsonValueKind.Object } input
            ? JsonObject.Create(input)!
            : throw new InvalidOperationException($"step '{task.StepId}' needs an object input");

    private static string Team(JsonObject input) => input["team"]?.GetValue<string>() ?? throw new InvalidOperationException("the input names no team");

    private static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node, WorkflowJson.Options);
}
