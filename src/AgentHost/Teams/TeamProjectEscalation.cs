using System.Text.Json.Nodes;
using AgentPlatform.Agents.Teams;
using static AgentPlatform.AgentHost.Teams.TeamDefinitionParts;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The failure path of a team, compiled into its two definitions: a goal run asks its coordinator when a sub-task failed
/// the attempts it may make; a project run asks the manager, then a human, when a goal run failed.</summary>
/// <remarks>Each level is an agent task whose input has <c>kind: escalation</c>, the <c>level</c>, the <c>error</c> and the
/// <c>remaining</c> plan (what did not complete, completed dependencies' outputs inlined) and whose reply is
/// <c>{"decision": "retry" | "replan" | "give_up" | "ask_human", "plan"?: ...}</c>. The coordinator's <c>retry</c> runs the
/// remaining sub-tasks again, its <c>replan</c> the reply's plan of sub-tasks, and a re-run that fails asks it again, up to
/// <c>escalation.to_manager_after</c> times; anything else fails the goal, which is the manager's to answer. The manager's
/// <c>retry</c> runs the remaining goals again, its <c>replan</c> the reply's plan of new goals, its <c>give_up</c> fails the
/// project and its <c>ask_human</c> waits for event <see cref="HumanEvent"/> from the approvers of <c>escalation.human</c> (its
/// timeout gives the declared default). Every level posts a <c>system</c> message in the team's channel and is a step
/// (an event) in its run's history.</remarks>
public static class TeamProjectEscalation
{
    /// <summary>The event a human answers an escalation with (<c>{"decision": "retry" | "give_up"}</c>).</summary>
    public const string HumanEvent = "escalation";

    private static readonly string[] Options = ["retry", "replan", "give_up", "ask_human"];

    /// <summary>The escalation rounds of a goal run, one top-level condition step per time its coordinator may be asked
    /// (<c>escalation.to_manager_after</c>): round 1 (<c>escalate</c>) answers a failed <c>work</c> step, round k
    /// (<c>escalate-k</c>) a failed re-run of round k - 1; the re-run of the last round failing fails the goal.</summary>
    /// <remarks>The rounds are unrolled side by side rather than nested, so the definition's depth stays the same whatever the
    /// number of rounds and every attempt of every round stays in the one goal run's history.</remarks>
    public static IEnumerable<JsonObject> CoordinatorLevels(TeamDeclaration team, double executorConfidence)
    {
        ArgumentNullException.ThrowIfNull(team);
        for (var round = 1; round <= team.Policies.Escalation.ToManagerAfter; round++)
        {
            yield return CoordinatorLevel(team, executorConfidence, round);
        }
    }

    /// <summary>Round <paramref name="round"/> of a goal run's escalation: the coordinator's answer to the failed run before it.</summary>
    private static JsonObject CoordinatorLevel(TeamDeclaration team, double executorConfidence, int round)
    {
        var rework = Retry(team.Policies.RetryBudget);
        var remaining = TeamSteps.Round(TeamSteps.Remaining, round);
        var askId = TeamSteps.Round(TeamSteps.AskCoordinator, round);
        string[] failed = round == 1
            ? [TeamSteps.Work]
            : [TeamSteps.Round(TeamSteps.CoordinatorRetry, round - 1), TeamSteps.Round(TeamSteps.CoordinatorReplan, round - 1)];
        var ask = Task(askId, Selector(CoordinatorPlanner(team)), Request("coordinator", team, remaining, "plan"), Retry(team.Policies.RetryBudget));
        ask["input"]!["goal"] = "${input.goal}";
        if (round > 1)
        {
            ask["input"]!["round"] = round;
        }

        ask["on_failure"] = "continue";
        return Condition(TeamSteps.Round(TeamSteps.Escalate, round), string.Join(" || ", failed.Select(f => $"steps.{f}.status == 'failed'")), new JsonArray
        {
            Remaining(team, "coordinator", remaining, failed),
            ask,
            Condition(TeamSteps.Round("coordinator-decision", round), Decided(askId, "retry"),
                new JsonArray { TeamGoalDefinition.Executors(Run(TeamSteps.Round(TeamSteps.CoordinatorRetry, round), Plan(remaining), rework, executorConfidence), team) },
                new JsonArray
                {
                    Condition(TeamSteps.Round("coordinator-replans", round), Decided(askId, "replan"),
                        new JsonArray { TeamGoalDefinition.Executors(Run(TeamSteps.Round(TeamSteps.CoordinatorReplan, round), $"${{steps.{askId}.output.plan}}", rework, executorConfidence), team) }),
                }),
        });
    }

    /// <summary>The <c>escalate</c> step of a project run: the manager's (and a human's) answer to a failed <c>goals</c> step.</summary>
    /// <param name="team">The team.</param>
    /// <param name="goalVersion">The version of the goal definition the re-planned goals run, the one the project run started with.</param>
    public static JsonObject ManagerLevel(TeamDeclaration team, int goalVersion)
    {
        ArgumentNullException.ThrowIfNull(team);
        var once = Retry(1);
        var human = team.Policies.Escalation.Human;
        var ask = Task(TeamSteps.AskManager, Selector(ManagerPlanner(team)), Request("manager", team, TeamSteps.Remaining, "goals"), Retry(team.Policies.RetryBudget));
        ask["on_failure"] = "continue";
        return Condition(TeamSteps.Escalate, $"steps.{TeamSteps.Goals}.status == 'failed'", new JsonArray
        {
            Remaining(team, "manager", TeamSteps.Remaining, [TeamSteps.Goals]),
            ask,
            Condition("manager-decision", Decided(TeamSteps.AskManager, "retry"),
                new JsonArray { Run(TeamSteps.ManagerRetry, Plan(TeamSteps.Remaining), once) },
                new JsonArray
                {
                    Condition("manager-replans", Decided(TeamSteps.AskManager, "replan"), new JsonArray
                    {
                        TeamProjectDefinition.Goals(TeamSteps.ManagerGoals, team, $"${{steps.{TeamSteps.AskManager}.output.plan}}", goalVersion, "project re-planned"),
                        Run(TeamSteps.ManagerReplan, $"${{steps.{TeamSteps.ManagerGoals}.output}}", once),
                    }),
                }),
            Condition("to-human", Decided(TeamSteps.AskManager, "ask_human"), new JsonArray
            {
                DecisionNotice(TeamSteps.Human, team, "escalation to a human", HumanEvent, TeamRules.HumanDecisions, human.Approvers, human.TimeoutSeconds, human.Default),
                HumanWait(human),
                Condition("human-decision", $"steps.{TeamSteps.Human}.output.decision == 'retry'", new JsonArray { Run(TeamSteps.HumanRetry, Plan(TeamSteps.Remaining), once) }),
            }),
        });
    }

    private static string Plan(string remaining) => $"${{steps.{remaining}.output.plan}}";

    private static string Decided(string ask, string decision) => $"steps.{ask}.output.decision == '{decision}'";

    /// <summary>The built-in step computing what did not complete of the first of <paramref name="failed"/> (plan steps) that
    /// failed, and its error.</summary>
    private static JsonObject Remaining(TeamDeclaration team, string level, string id, string[] failed) =>
        BuiltIn(id, TeamProjectAgents.Remaining, new JsonObject
        {
            ["team"] = team.Id,
            ["level"] = level,
            ["step"] = failed.Length == 1 ? failed[0] : new JsonArray([.. failed.Select(f => (JsonNode?)f)]),
        });

    private static JsonObject Request(string level, TeamDeclaration team, string remaining, string what) => new()
    {
        ["kind"] = "escalation",
        ["level"] = level,
        ["team"] = team.Id,
        ["error"] = $"${{steps.{remaining}.output.error}}",
        ["remaining"] = $"${{steps.{remaining}.output.{what}}}",
        ["options"] = new JsonArray([.. Options.Select(o => (JsonNode?)o)]),
    };

    private static JsonObject HumanWait(TeamHumanEscalation human)
    {
        var wait = Wait(TeamSteps.Human, HumanEvent, human.Approvers, human.TimeoutSeconds, human.Default);
        wait["on_failure"] = "continue";
        return wait;
    }
}
