using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.AgentHost.Endpoints;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The built-in in-process steps of project runs: they rewrite plans, compute the report and post progress as
/// <c>system</c> messages in the team's channel. Their outputs are recorded in the run's history like any task result.</summary>
/// <remarks>A handler may run again for the same task after a crash (a result not yet recorded is asked for again); every one
/// is a function of its input and the run's recorded history, and a repeated channel message is the only visible effect.</remarks>
public static class TeamProjectAgents
{
    /// <summary>Addresses the manager's goals to the coordinator planner.</summary>
    public const string Goals = "team-goals";

    /// <summary>Joins the goal plans into one graph of sub-tasks.</summary>
    public const string SubTasks = "team-subtasks";

    /// <summary>Computes the plan of the sub-tasks that did not complete and announces an escalation.</summary>
    public const string Remaining = "team-remaining";

    /// <summary>Posts a message of the run to the team's channel.</summary>
    public const string Announce = "team-announce";

    /// <summary>Writes the report (the tree of the run) and announces the outcome.</summary>
    public const string Report = "team-report";

    /// <summary>Registers the handlers; services are resolved when a task runs, so the workflow client may depend on
    /// <paramref name="agents"/>.</summary>
    public static void Register(InProcessTaskAgents agents, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(services);
        agents.Register(Goals, (task, token) => GoalsAsync(task, services, token));
        agents.Register(SubTasks, (task, token) => SubTasksAsync(task, services, token));
        agents.Register(Remaining, (task, token) => RemainingAsync(task, services, token));
        agents.Register(Announce, (task, token) => AnnounceAsync(task, services, token));
        agents.Register(Report, (task, token) => ReportAsync(task, services, token));
    }

    private static async ValueTask<JsonElement> GoalsAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var addressed = TeamPlans.AddressGoals(input["plan"], (JsonObject)input["coordinator"]!, team, input["project"]);
        var goals = (addressed?["tasks"] as JsonArray)?.Select(g => g?["id"]?.ToString()).ToList() ?? [];
        await PostAsync(services, team, "project planned", string.Create(
            CultureInfo.InvariantCulture, $"Run {task.InstanceId}: the manager planned {goals.Count} goals ({string.Join(", ", goals)}); the coordinator plans each."), cancellationToken);
        return ToElement(addressed);
    }

    private static async ValueTask<JsonElement> SubTasksAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var joined = TeamPlans.Join(input["goals"], input["plans"]);
        var count = (joined["tasks"] as JsonArray)?.Count ?? 0;
        await PostAsync(services, team, "sub-tasks planned", string.Create(
            CultureInfo.InvariantCulture, $"Run {task.InstanceId}: {count} sub-tasks planned; executors start as their dependencies complete."), cancellationToken);
        return ToElement(joined);
    }

    private static async ValueTask<JsonElement> RemainingAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var (state, history) = await ReadRunAsync(services, task, cancellationToken);
        var plan = history.OfType<PlanRecorded>().LastOrDefault(p => p.StepId == TeamProjectDefinition.WorkStep && p.Plan is not null)?.Plan;
        JsonObject? remaining = null;
        if (plan is { } recorded)
        {
            var completed = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
            var steps = state.Steps.ToDictionary(s => s.StepId, StringComparer.Ordinal);
            var index = 0;
            foreach (var planned in recorded.GetProperty("tasks").EnumerateArray())
            {
                var copy = steps.GetValueOrDefault(WorkflowStepRef.Create(TeamProjectDefinition.WorkStep, index++).ToString());
                if (copy?.Status == StepStatus.Completed)
                {
                    completed[planned.GetProperty("id").GetString()!] = copy.Output;
                }
            }

            remaining = TeamPlans.Remaining(recorded, completed);
        }

        var left = (remaining?["tasks"] as JsonArray)?.Count ?? 0;
        await PostAsync(services, team, "escalation to the coordinator", string.Create(
            CultureInfo.InvariantCulture, $"Run {task.InstanceId}: the work failed ({input["error"]}); {left} sub-tasks remain. Asking the coordinator: retry, replan, give_up or ask_human."), cancellationToken);
        return ToElement(new JsonObject { ["plan"] = remaining, ["error"] = input["error"]?.DeepClone() });
    }

    private static async ValueTask<JsonElement> AnnounceAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        await PostAsync(services, Team(input), input["title"]?.ToString() ?? "progress", $"Run {task.InstanceId}: {input["content"]}", cancellationToken);
        return ToElement(null);
    }

    private static async ValueTask<JsonElement> ReportAsync(WorkflowTask task, IServiceProvider services, CancellationToken cancellationToken)
    {
        var input = Input(task);
        var team = Team(input);
        var (state, history) = await ReadRunAsync(services, task, cancellationToken);
        var report = TeamProjectTree.Build(team, state, history) with { Status = TeamProjectTree.WorkCompleted(state.Steps.ToDictionary(s => s.StepId)) ? "completed" : "failed", Phase = "done" };
        await PostAsync(services, team, $"project {report.Status}", string.Create(
            CultureInfo.InvariantCulture,
            $"Run {task.InstanceId} {report.Status}: {report.Totals.Completed} of {report.Totals.SubTasks} sub-tasks completed over {report.Totals.Goals} goals, {report.Totals.Attempts} attempts."),
            cancellationToken);
        return JsonSerializer.SerializeToElement(report);
    }

    /// <summary>The status and history of the run <paramref name="task"/> belongs to, as they stand while the task runs.</summary>
    private static async Task<(WorkflowInstanceState State, IReadOnlyList<WorkflowEvent> History)> ReadRunAsync(
        IServiceProvider services, WorkflowTask task, CancellationToken cancellationToken)
    {
        var workflows = services.GetRequiredService<IWorkflowClient>();
        var state = await workflows.GetStatusAsync(task.InstanceId, cancellationToken) ?? throw new InvalidOperationException($"run '{task.InstanceId}' is gone");
        return (state, await workflows.GetHistoryAsync(task.InstanceId, cancellationToken) ?? []);
    }

    private static Task PostAsync(IServiceProvider services, string team, string title, string content, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChannelService>().AnnounceAsync(ChannelId.Create(TeamRules.ChannelOf(team)), TeamEndpoints.ChannelOwner, title, content, cancellationToken);

    private static JsonObject Input(WorkflowTask task) =>
        task.Input is { ValueKind: JsonValueKind.Object } input
            ? JsonNode.Parse(input.GetRawText())!.AsObject()
            : throw new InvalidOperationException($"step '{task.StepId}' needs an object input");

    private static string Team(JsonObject input) => input["team"]?.GetValue<string>() ?? throw new InvalidOperationException("the input names no team");

    private static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node, WorkflowJson.Options);
}
