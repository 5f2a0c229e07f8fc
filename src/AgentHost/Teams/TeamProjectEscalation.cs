using System.Text.Json.Nodes;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The failure path of a project run, compiled into its definition: when the sub-tasks' plan step failed (a sub-task failed
/// every attempt its retry budget allows, each on another executor), the coordinator is asked, then the manager, then a human.</summary>
/// <remarks>Each level is an agent task whose input has <c>kind: escalation</c>, the <c>level</c>, the <c>error</c> and the
/// <c>remaining</c> plan (the sub-tasks that did not complete, completed dependencies' outputs inlined) and whose reply is
/// <c>{"decision": "retry" | "replan" | "give_up" | "ask_human", "plan"?: ...}</c>: <c>retry</c> runs the remaining plan again,
/// <c>replan</c> runs the reply's plan, <c>give_up</c> or a failed request goes up a level. The manager is asked when the
/// coordinator's answer did not bring the work to completion; a human (a <c>wait</c> on event <see cref="HumanEvent"/> with
/// approvers) is asked when either answered <c>ask_human</c>, and the wait's timeout gives <c>give_up</c>. Every level posts a
/// <c>system</c> message in the team's channel through the built-in announce step, and is a step (an event) in the history.</remarks>
public static class TeamProjectEscalation
{
    /// <summary>The condition step holding the whole failure path.</summary>
    public const string Step = "escalate";

    /// <summary>The event a human answers an escalation with (<c>{"decision": "retry" | "give_up"}</c>).</summary>
    public const string HumanEvent = "escalation";

    /// <summary>The built-in step that computes the remaining plan and announces the escalation.</summary>
    public const string RemainingStep = "remaining";

    /// <summary>The plan steps that rerun work after an escalation, in the order they may run.</summary>
    public static readonly IReadOnlyList<string> ReworkSteps = ["coordinator-retry", "coordinator-replan", "manager-retry", "manager-replan", "human-retry"];

    /// <summary>How long the human escalation waits before it gives up.</summary>
    public const string HumanTimeout = "1h";

    /// <summary>The <c>escalate</c> condition step of <paramref name="team"/>'s definition.</summary>
    public static JsonObject Steps(TeamDeclaration team, JsonObject coordinator, JsonObject manager)
    {
        ArgumentNullException.ThrowIfNull(team);
        var retry = new JsonObject { ["max_attempts"] = team.Policies.RetryBudget };
        var failed = $"steps.{TeamProjectDefinition.WorkStep}.status == 'failed'";
        var remaining = $"${{steps.{RemainingStep}.output.plan}}";
        var coordinatorDone = "steps.coordinator-retry.status == 'completed' or steps.coordinator-replan.status == 'completed'";
        var managerDone = "steps.manager-retry.status == 'completed' or steps.manager-replan.status == 'completed'";
        var then = new JsonArray
        {
            TeamProjectDefinition.BuiltIn(RemainingStep, TeamProjectAgents.Remaining, new JsonObject { ["team"] = team.Id, ["error"] = $"${{steps.{TeamProjectDefinition.WorkStep}.error}}" }),
            Ask("ask-coordinator", "coordinator", team, coordinator, retry),
            Decide("coordinator", "ask-coordinator", remaining, retry),
            Condition("to-manager", $"not ({coordinatorDone})", new JsonArray
            {
                Announce("manager-notice", team, "escalation to the manager", "The coordinator's answer did not complete the work; asking the manager."),
                Ask("ask-manager", "manager", team, manager, retry),
                Decide("manager", "ask-manager", remaining, retry),
                Condition("to-human", $"not ({managerDone}) and (steps.ask-coordinator.output.decision == 'ask_human' or steps.ask-manager.output.decision == 'ask_human')", new JsonArray
                {
                    Announce("human-notice", team, "escalation to a human", $"Waiting for event '{HumanEvent}' with {{\"decision\": \"retry\" | \"give_up\"}}."),
                    HumanWait(),
                    Condition("human-decision", "steps.human.output.decision == 'retry'", new JsonArray { Rework("human-retry", remaining, retry) }),
                }),
            }),
        };
        return Condition(Step, failed, then);
    }

    private static JsonObject Ask(string id, string level, TeamDeclaration team, JsonObject selector, JsonObject retry)
    {
        var step = TeamProjectDefinition.Task(id, selector, new JsonObject
        {
            ["kind"] = "escalation",
            ["level"] = level,
            ["team"] = team.Id,
            ["error"] = $"${{steps.{TeamProjectDefinition.WorkStep}.error}}",
            ["remaining"] = $"${{steps.{RemainingStep}.output.plan}}",
            ["coordinator_answer"] = "${steps.ask-coordinator.output}",
            ["options"] = new JsonArray("retry", "replan", "give_up", "ask_human"),
        }, retry);
        step["on_failure"] = "continue";
        return step;
    }

    /// <summary>Runs the remaining plan again on <c>retry</c>, the answer's plan on <c>replan</c>.</summary>
    private static JsonObject Decide(string level, string ask, string remaining, JsonObject retry) =>
        Condition($"{level}-decision", $"steps.{ask}.output.decision == 'retry'",
            new JsonArray { Rework($"{level}-retry", remaining, retry) },
            new JsonArray
            {
                Condition($"{level}-replans", $"steps.{ask}.output.decision == 'replan'",
                    new JsonArray { Rework($"{level}-replan", $"${{steps.{ask}.output.plan}}", retry) }),
            });

    private static JsonObject Rework(string id, string plan, JsonObject retry) => new()
    {
        ["id"] = id,
        ["kind"] = StepKinds.Plan,
        ["plan"] = plan,
        ["retry"] = retry.DeepClone(),
        ["on_failure"] = "continue",
    };

    private static JsonObject HumanWait() => new()
    {
        ["id"] = "human",
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

    private static JsonObject Announce(string id, TeamDeclaration team, string title, string content) => TeamProjectDefinition.BuiltIn(
        id, TeamProjectAgents.Announce, new JsonObject { ["team"] = team.Id, ["title"] = title, ["content"] = content });

    private static JsonObject Condition(string id, string condition, JsonArray then, JsonArray? otherwise = null) => new()
    {
        ["id"] = id,
        ["kind"] = StepKinds.Condition,
        ["if"] = condition,
        ["then"] = then,
        ["else"] = otherwise ?? [],
    };
}
