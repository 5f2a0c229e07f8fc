using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using static AgentPlatform.AgentHost.Teams.TeamDefinitionParts;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>Compiles a team declaration into the definition of its goal runs, <c>team.{id}.goal</c>: each goal of a project runs
/// as a child workflow of it, with the goal's <c>plan_goal</c> request as input and the goal report as output.</summary>
/// <remarks>Steps, in order: <c>coordinator</c> (agent task: the coordinator planner returns a plan of sub-tasks), the
/// <c>goal_plan</c> approval when declared, <c>planned</c> (a channel message), <c>work</c> (plan step: validates, records and runs
/// the sub-tasks on executors, <c>escalation.to_coordinator_after</c> attempts each), <c>escalate</c> (when <c>work</c> failed: the
/// coordinator is asked, see <see cref="TeamProjectEscalation"/>) and <c>escalate-2</c> ... <c>escalate-N</c> (N:
/// <c>escalation.to_manager_after</c>; each when the re-run of the round before failed), <c>report</c> (built-in: the goal report) and <c>outcome</c>
/// (fails the goal run when the report says <c>failed</c>, so goals depending on it do not start and the manager is asked).</remarks>
public static class TeamGoalDefinition
{
    /// <summary>The suffix of a team's goal definition id: <c>team.{id}.goal</c>.</summary>
    public const string IdSuffix = ".goal";

    /// <summary>The goal definition id of team <paramref name="teamId"/>.</summary>
    public static string IdFor(string teamId) => TeamProjectDefinition.IdFor(teamId) + IdSuffix;

    /// <summary>The definition of <paramref name="team"/>'s goal runs at <paramref name="version"/>.</summary>
    public static WorkflowDefinition Build(TeamDeclaration team, int version, WorkflowLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(team);
        var steps = new JsonArray
        {
            Task(TeamSteps.Coordinator, Selector(CoordinatorPlanner(team)), new JsonObject
            {
                ["kind"] = "plan_goal",
                ["team"] = team.Id,
                ["goal"] = "${input.goal}",
                ["description"] = "${input.description}",
                ["project"] = "${input.project}",
                ["executors"] = "${input.executors}",
            }, Retry(team.Policies.RetryBudget)),
        };
        foreach (var step in Approval(team, TeamRules.GoalPlanApproval))
        {
            steps.Add(step);
        }

        steps.Add(Announce(TeamSteps.Planned, team, "sub-tasks planned", "Goal ${input.goal}: the coordinator planned its sub-tasks; executors start as their dependencies complete."));
        steps.Add(Executors(Run(TeamSteps.Work, $"${{steps.{TeamSteps.Coordinator}.output}}", Retry(team.Policies.Escalation.ToCoordinatorAfter), ExecutorConfidence(team)), team));
        foreach (var round in TeamProjectEscalation.CoordinatorLevels(team, ExecutorConfidence(team)))
        {
            steps.Add(round);
        }

        steps.Add(BuiltIn(TeamSteps.Report, TeamProjectAgents.GoalReport, new JsonObject { ["team"] = team.Id, ["goal"] = "${input.goal}" }));
        steps.Add(Condition(TeamSteps.Outcome, $"steps.{TeamSteps.Report}.output.status == 'failed'", new JsonArray
        {
            Fail(TeamSteps.Fail, $"goal ${{input.goal}} failed: ${{steps.{TeamSteps.Report}.output.error}}"),
        }));
        return Load(team, IdFor(team.Id), version, string.Create(CultureInfo.InvariantCulture, $"Goal runs of team '{team.Id}' (compiled from its declaration)."), steps, limits);
    }

    /// <summary>Limits the sub-tasks of a plan step to executors (<c>role: executor</c>) of the team (<c>agents</c>: the executors
    /// the project run resolved, in the goal run's input) and applies the team's <c>policies.reassignment</c> to their retries
    /// (<c>retry.reassign</c>).</summary>
    internal static JsonObject Executors(JsonObject run, TeamDeclaration team)
    {
        run["role"] = AgentRoles.NameOf(AgentRole.Executor);
        run["agents"] = "${input.executors}";
        run["retry"]!["reassign"] = team.Policies.Reassignment;
        return run;
    }

    /// <summary>The least match score a sub-task's executor needs: the lowest declared by the executor members.</summary>
    private static double ExecutorConfidence(TeamDeclaration team) =>
        team.Members.Where(m => m.Role == AgentRole.Executor).Select(m => m.Selection.MinConfidence).DefaultIfEmpty(0).Min();
}
