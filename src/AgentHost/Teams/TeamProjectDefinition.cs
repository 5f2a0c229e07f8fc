using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using static AgentPlatform.AgentHost.Teams.TeamDefinitionParts;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Compiles a team declaration into the workflow definition its project runs follow, so a project is an ordinary durable
/// workflow instance: the manager plans goals, each goal runs as a child workflow of <see cref="TeamGoalDefinition"/>, and a
/// built-in step aggregates the goal runs into the report.</summary>
/// <remarks>Steps, in order: <c>members</c> (built-in: resolves the team's executors, see <see cref="TeamExecutors"/>), <c>manager</c> (agent task: the manager planner returns a plan of goals), the <c>project_plan</c>
/// approval when declared, <c>plan</c> (built-in: addresses every goal to the goal definition), <c>goals</c> (plan step: validates
/// and records the goals, runs each as a child workflow as its <c>depends_on</c> allow), <c>escalate</c> (when a goal failed: the
/// manager and then a human are asked, see <see cref="TeamProjectEscalation"/>), <c>report</c> (built-in: the report, the run's
/// output), the <c>project_report</c> approval when declared, and <c>outcome</c> (fails the run when the report says
/// <c>failed</c>).</remarks>
public static class TeamProjectDefinition
{
    /// <summary>The prefix of every team's project definition id: <c>team.{team id}</c>.</summary>
    public const string IdPrefix = "team.";

    /// <summary>The project definition id of team <paramref name="teamId"/>.</summary>
    public static string IdFor(string teamId) => IdPrefix + teamId;

    /// <summary>The executors the run resolved at its start, as a reference for the inputs of the steps that address goals.</summary>
    internal static string Executors => $"${{steps.{TeamSteps.Members}.output.executors}}";

    /// <summary>The built-in step that turns a manager's plan (<paramref name="plan"/>, a <c>${...}</c> reference) into the plan of
    /// goal runs of version <paramref name="goalVersion"/> on the run's executors, announced as <paramref name="title"/>.</summary>
    internal static JsonObject Goals(string id, TeamDeclaration team, string plan, int goalVersion, string? title = null)
    {
        var input = new JsonObject
        {
            ["team"] = team.Id,
            ["plan"] = plan,
            ["project"] = "${input}",
            ["goal_version"] = goalVersion,
            ["executors"] = Executors,
        };
        if (title is not null)
        {
            input["title"] = title;
        }

        return BuiltIn(id, TeamProjectAgents.Goals, input);
    }

    /// <summary>The team a project definition id belongs to, or null when it is not one (a goal definition is not one).</summary>
    public static string? TeamOf(string definitionId) =>
        definitionId.StartsWith(IdPrefix, StringComparison.Ordinal) && TeamRules.IsTeamId(definitionId[IdPrefix.Length..]) ? definitionId[IdPrefix.Length..] : null;

    /// <summary>The definition of <paramref name="team"/>'s project runs at <paramref name="version"/>, whose goal runs run version
    /// <paramref name="goalVersion"/> of the goal definition (the one compiled with it), whatever is registered later.</summary>
    public static WorkflowDefinition Build(TeamDeclaration team, int version, int goalVersion, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(team);
        var steps = new JsonArray
        {
            BuiltIn(TeamSteps.Members, TeamProjectAgents.Members, TeamExecutors.Declared(team)),
            Task(TeamSteps.Manager, Selector(ManagerPlanner(team)), new JsonObject { ["kind"] = "plan_project", ["team"] = team.Id, ["project"] = "${input}" }, Retry(team.Policies.RetryBudget)),
        };
        foreach (var step in Approval(team, TeamRules.ProjectPlanApproval))
        {
            steps.Add(step);
        }

        steps.Add(Goals(TeamSteps.Plan, team, $"${{steps.{TeamSteps.Manager}.output}}", goalVersion));

        // A goal run is not retried as a whole: its failure is the manager's to answer.
        steps.Add(Run(TeamSteps.Goals, $"${{steps.{TeamSteps.Plan}.output}}", Retry(1)));
        steps.Add(TeamProjectEscalation.ManagerLevel(team, goalVersion));
        steps.Add(BuiltIn(TeamSteps.Report, TeamProjectAgents.Report, new JsonObject { ["team"] = team.Id }));
        foreach (var step in Approval(team, TeamRules.ProjectReportApproval))
        {
            steps.Add(step);
        }

        steps.Add(Condition(TeamSteps.Outcome, $"steps.{TeamSteps.Report}.output.status == 'failed'", new JsonArray
        {
            Fail(TeamSteps.Fail, $"project failed: ${{steps.{TeamSteps.Report}.output.error}}"),
        }));
        return Load(team, IdFor(team.Id), version, string.Create(CultureInfo.InvariantCulture, $"Project runs of team '{team.Id}' (compiled from its declaration)."), steps, limits);
    }
}
