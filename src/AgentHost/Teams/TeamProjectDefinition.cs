using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Compiles a team declaration into the workflow definition its project runs follow, so a project is an ordinary durable
/// workflow instance: the manager plans goals, the plan step records and runs the goal planning on the coordinator, the sub-task
/// plans are joined into one graph that the plan step runs on executors, and a built-in step writes the report.</summary>
/// <remarks>Steps, in order: <c>manager</c> (agent task: the manager planner returns a plan of goals), <c>goals</c> (built-in:
/// sends every goal to the coordinator planner), <c>goal-plans</c> (plan step: validates and records the goals, asks the coordinator
/// for each goal's sub-task plan as goal dependencies allow), <c>subtasks</c> (built-in: joins the goal plans into one graph),
/// <c>work</c> (plan step: validates, records and runs the sub-tasks on executors with the team's retry budget),
/// <c>escalate</c> (when <c>work</c> failed: the coordinator and then the manager are asked, see
/// <see cref="TeamProjectEscalation"/>), and <c>report</c> (built-in: the report, the run's output).</remarks>
public static class TeamProjectDefinition
{
    /// <summary>The prefix of every team's project definition id: <c>team.{team id}</c>.</summary>
    public const string IdPrefix = "team.";

    /// <summary>The manager's planning step.</summary>
    public const string ManagerStep = "manager";

    /// <summary>The built-in step that addresses the goals to the coordinator planner.</summary>
    public const string GoalsStep = "goals";

    /// <summary>The plan step that records the goals and runs their planning.</summary>
    public const string GoalPlansStep = "goal-plans";

    /// <summary>The built-in step that joins the goal plans into one graph of sub-tasks.</summary>
    public const string SubTasksStep = "subtasks";

    /// <summary>The plan step that runs the sub-tasks on executors.</summary>
    public const string WorkStep = "work";

    /// <summary>The built-in step that writes the report.</summary>
    public const string ReportStep = "report";

    /// <summary>The project definition id of team <paramref name="teamId"/>.</summary>
    public static string IdFor(string teamId) => IdPrefix + teamId;

    /// <summary>The team a project definition id belongs to, or null when it is not one.</summary>
    public static string? TeamOf(string definitionId) =>
        definitionId.StartsWith(IdPrefix, StringComparison.Ordinal) ? definitionId[IdPrefix.Length..] : null;

    /// <summary>The definition of <paramref name="team"/>'s project runs at <paramref name="version"/>.</summary>
    public static WorkflowDefinition Build(TeamDeclaration team, int version, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(team);
        var retry = new JsonObject { ["max_attempts"] = team.Policies.RetryBudget };
        var steps = new JsonArray
        {
            Task(ManagerStep, Selector(ManagerPlanner(team)), new JsonObject { ["kind"] = "plan_project", ["team"] = team.Id, ["project"] = "${input}" }, retry),
            BuiltIn(GoalsStep, TeamProjectAgents.Goals, new JsonObject
            {
                ["team"] = team.Id,
                ["plan"] = $"${{steps.{ManagerStep}.output}}",
                ["coordinator"] = PlanSelector(CoordinatorPlanner(team)),
                ["project"] = "${input}",
            }),
            new JsonObject
            {
                ["id"] = GoalPlansStep,
                ["kind"] = StepKinds.Plan,
                ["plan"] = $"${{steps.{GoalsStep}.output}}",
                ["min_confidence"] = CoordinatorPlanner(team).MinConfidence,
                ["retry"] = retry.DeepClone(),
            },
            BuiltIn(SubTasksStep, TeamProjectAgents.SubTasks, new JsonObject
            {
                ["team"] = team.Id,
                ["goals"] = $"${{steps.{GoalsStep}.output}}",
                ["plans"] = $"${{steps.{GoalPlansStep}.output}}",
            }),
            new JsonObject
            {
                ["id"] = WorkStep,
                ["kind"] = StepKinds.Plan,
                ["plan"] = $"${{steps.{SubTasksStep}.output.plan}}",
                ["min_confidence"] = ExecutorConfidence(team),
                ["retry"] = retry.DeepClone(),
                ["on_failure"] = "continue",
            },
            TeamProjectEscalation.Steps(team, Selector(CoordinatorPlanner(team)), Selector(ManagerPlanner(team))),
            BuiltIn(ReportStep, TeamProjectAgents.Report, new JsonObject { ["team"] = team.Id }),
        };
        var definition = new JsonObject
        {
            ["id"] = IdFor(team.Id),
            ["version"] = version,
            ["description"] = string.Create(CultureInfo.InvariantCulture, $"Project runs of team '{team.Id}' (compiled from its declaration)."),
            ["steps"] = steps,
            ["output"] = $"${{steps.{ReportStep}.output}}",
        };
        return WorkflowDefinitionLoader.FromJson(definition.ToJsonString(), limits);
    }

    /// <summary>An agent task on <paramref name="selector"/> (<see cref="Selector"/>'s fields).</summary>
    internal static JsonObject Task(string id, JsonObject selector, JsonObject input, JsonObject retry)
    {
        var step = new JsonObject { ["id"] = id, ["kind"] = StepKinds.AgentTask };
        foreach (var (name, value) in selector)
        {
            step[name] = value?.DeepClone();
        }

        step["input"] = input;
        step["retry"] = retry.DeepClone();
        return step;
    }

    /// <summary>The selector fields of an agent task or plan task.</summary>
    internal static JsonObject Selector(AgentSelection selection)
    {
        if (selection.AgentId is { } agentId)
        {
            return new JsonObject { ["agent"] = agentId };
        }

        var capabilities = new JsonObject();
        foreach (var (name, weight) in selection.Capabilities!)
        {
            capabilities[name] = weight;
        }

        return new JsonObject { ["capabilities"] = capabilities, ["min_confidence"] = selection.MinConfidence };
    }

    /// <summary>The selector fields of a plan task: the agent or the capabilities (a plan step holds the least match score).</summary>
    private static JsonObject PlanSelector(AgentSelection selection) =>
        selection.AgentId is { } agentId ? new JsonObject { ["agent"] = agentId } : new JsonObject { ["capabilities"] = Selector(selection)["capabilities"]!.DeepClone() };

    /// <summary>An agent task on one of the built-in steps of <see cref="TeamProjectAgents"/>.</summary>
    internal static JsonObject BuiltIn(string id, string agent, JsonObject input) =>
        new() { ["id"] = id, ["kind"] = StepKinds.AgentTask, ["agent"] = agent, ["input"] = input };

    /// <summary>The manager's planner: the declared one, else the manager member.</summary>
    internal static AgentSelection ManagerPlanner(TeamDeclaration team) =>
        team.Planners.Manager ?? team.Members.First(m => m.Role == AgentRole.Manager).Selection;

    /// <summary>The coordinators' planner: the declared one, else the first coordinator member.</summary>
    internal static AgentSelection CoordinatorPlanner(TeamDeclaration team) =>
        team.Planners.Coordinator ?? team.Members.First(m => m.Role == AgentRole.Coordinator).Selection;

    /// <summary>The least match score a sub-task's executor needs: the lowest declared by the executor members.</summary>
    private static double ExecutorConfidence(TeamDeclaration team) =>
        team.Members.Where(m => m.Role == AgentRole.Executor).Select(m => m.Selection.MinConfidence).DefaultIfEmpty(0).Min();
}
