using System.Text.Json.Nodes;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using static AgentPlatform.AgentHost.Teams.TeamDefinitionParts;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The failure path of a team, compiled into its two definitions: a goal run asks its coordinator when a sub-task failed
/// the attempts it may make; a project run asks the manager, then a human, when a goal run failed.</summary>
/// <remarks>Each level is an agent task whose input has <c>kind: escalation</c>, the <c>level</c>, the <c>error</c> and the
/// <c>remaining</c> plan (what did not complete, completed dependencies' outputs inlined) and whose reply is
/// <c>{"decision": "retry" | "replan" | "give_up" | "ask_human", "plan"?: ...}</c>. The coordinator's <c>retry</c> runs the
/// remaining sub-tasks again, its <c>replan</c> the reply's plan of sub-tasks; anything else fails the goal, which is the manager's
/// to answer. The manager's <c>retry</c> runs the remaining goals again, its <c>replan</c> the reply's plan of new goals, its
/// <c>give_up</c> fails the project and its <c>ask_human</c> waits for event <see cref="HumanEvent"/> from the operator or a
/// manager (the wait's timeout gives <c>give_up</c>). Every level posts a <c>system</c> message in the team's channel and is a step
/// (an event) in its run's history.</remarks>
public static class TeamProjectEscalation
{
    /// <summary>The event a human answers an escalation with (<c>{"decision": "retry" | "give_up"}</c>).</summary>
    public const string HumanEvent = "escalation";

    /// <summary>How long the human escalation waits before it gives up.</summary>
    public const string HumanTimeout = "1h";

    private static readonly string[] Options = ["retry", "replan", "give_up", "ask_human"];

    /// <summary>The <c>escalate</c> step of a goal run: the coordinator's answer to a failed <c>work</c> step.</summary>
    public static JsonObject CoordinatorLevel(TeamDeclaration team, double executorConfidence)
    {
        ArgumentNullException.ThrowIfNull(team);
        var rework = Retry(team.Policies.RetryBudget);
        var ask = Task(TeamSteps.AskCoordinator, Selector(CoordinatorPlanner(team)), Request("coordinator", team, TeamSteps.Work, "plan"), Retry(team.Policies.RetryBudget));
        ask["input"]!["goal"] = "${input.goal}";
        ask["on_failure"] = "continue";
        return Condition(TeamSteps.Escalate, $"steps.{TeamSteps.Work}.status == 'failed'", new JsonArray
        {
            Remaining(team, "coordinator", TeamSteps.Work),
            ask,
            Condition("coordinator-decision", Decided(TeamSteps.AskCoordinator, "retry"),
                new JsonArray { TeamGoalDefinition.Executors(Run(TeamSteps.CoordinatorRetry, RemainingPlan, rework, executorConfidence), team) },
                new JsonArray
                {
                    Condition("coordinator-replans", Decided(TeamSteps.AskCoordinator, "replan"),
                        new JsonArray { TeamGoalDefinition.Executors(Run(TeamSteps.CoordinatorReplan, $"${{steps.{TeamSteps.AskCoordinator}.output.plan}}", rework, executorConfidence), team) }),
                }),
        });
    }

    /// <summary>The <c>escalate</c> step of a project run: the manager's (and a human's) answer to a failed <c>goals</c> step.</summary>
    public static JsonObject ManagerLevel(TeamDeclaration team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var once = Retry(1);
        var ask = Task(TeamSteps.AskManager, Selector(ManagerPlanner(team)), Request("manager", team, TeamSteps.Goals, "goals"), Retry(team.Policies.RetryBudget));
        ask["on_failure"] = "continue";
        return Condition(TeamSteps.Escalate, $"steps.{TeamSteps.Goals}.status == 'failed'", new JsonArray
        {
            Remaining(team, "manager", TeamSteps.Goals),
            ask,
            Condition("manager-decision", Decided(TeamSteps.AskManager, "retry"),
                new JsonArray { Run(TeamSteps.ManagerRetry, RemainingPlan, once) },
                new JsonArray
                {
                    Condition("manager-replans", Decided(TeamSteps.AskManager, "replan"), new JsonArray
                    {
                        BuiltIn(TeamSteps.ManagerGoals, TeamProjectAgents.Goals, new JsonObject
                        {
                            ["team"] = team.Id,
                            ["plan"] = $"${{steps.{TeamSteps.AskManager}.output.plan}}",
                            ["project"] = "${input}",
                            ["title"] = "project re-planned",
                            ["executors"] = TeamProjectDefinition.Executors,
                        }),
                        Run(TeamSteps.ManagerReplan, $"${{steps.{TeamSteps.ManagerGoals}.output}}", once),
                    }),
                }),
            Condition("to-human", Decided(TeamSteps.AskManager, "ask_human"), new JsonArray
            {
                Announce("human-notice", team, "escalation to a human", $"Waiting for event '{HumanEvent}' with {{\"decision\": \"retry\" | \"give_up\"}}."),
                HumanWait(),
                Condition("human-decision", $"steps.{TeamSteps.Human}.output.decision == 'retry'", new JsonArray { Run(TeamSteps.HumanRetry, RemainingPlan, once) }),
            }),
        });
    }

    private static string RemainingPlan => $"${{steps.{TeamSteps.Remaining}.output.plan}}";

    private static string Decided(string ask, string decision) => $"steps.{ask}.output.decision == '{decision}'";

    private static JsonObject Remaining(TeamDeclaration team, string level, string failed) =>
        BuiltIn(TeamSteps.Remaining, TeamProjectAgents.Remaining, new JsonObject
        {
            ["team"] = team.Id,
            ["level"] = level,
            ["step"] = failed,
            ["error"] = $"${{steps.{failed}.error}}",
        });

    private static JsonObject Request(string level, TeamDeclaration team, string failed, string remaining) => new()
    {
        ["kind"] = "escalation",
        ["level"] = level,
        ["team"] = team.Id,
        ["error"] = $"${{steps.{failed}.error}}",
        ["remaining"] = $"${{steps.{TeamSteps.Remaining}.output.{remaining}}}",
        ["options"] = new JsonArray([.. Options.Select(o => (JsonNode?)o)]),
    };

    private static JsonObject HumanWait() => new()
    {
        ["id"] = TeamSteps.Human,
        ["kind"] = StepKinds.Wait,
        ["event"] = new JsonObject
        {
            ["name"] = HumanEvent,
            ["approvers"] = new JsonArray("operator", "manager"),
            ["timeout"] = HumanTimeout,
            ["timeout_output"] = new JsonObject { ["decision"] = "give_up", ["reason"] = "nobody answered in time" },
        },
        ["on_failure"] = "continue",
    };
}
