using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>The JSON pieces the project and goal definitions of a team are built from: agent tasks on a planner, built-in steps,
/// conditions, approval waits and the step that fails a run.</summary>
internal static class TeamDefinitionParts
{
    /// <summary>The event an approval point waits for: <c>{at}_approval</c> (<c>project_plan_approval</c>, ...).</summary>
    public static string ApprovalEvent(string at) => at + "_approval";

    /// <summary>An agent task on <paramref name="selector"/> (<see cref="Selector"/>'s fields).</summary>
    public static JsonObject Task(string id, JsonObject selector, JsonObject input, JsonObject retry)
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

    /// <summary>The selector fields of an agent task.</summary>
    public static JsonObject Selector(AgentSelection selection)
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

    /// <summary>An agent task on one of the built-in steps of <see cref="TeamProjectAgents"/>.</summary>
    public static JsonObject BuiltIn(string id, string agent, JsonObject input) =>
        new() { ["id"] = id, ["kind"] = StepKinds.AgentTask, ["agent"] = agent, ["input"] = input };

    /// <summary>A plan step running <paramref name="plan"/> (a <c>${...}</c> reference) that leaves its failure to the steps after it.</summary>
    public static JsonObject Run(string id, string plan, JsonObject retry, double? minConfidence = null)
    {
        var step = new JsonObject { ["id"] = id, ["kind"] = StepKinds.Plan, ["plan"] = plan };
        if (minConfidence is { } least)
        {
            step["min_confidence"] = least;
        }

        step["retry"] = retry.DeepClone();
        step["on_failure"] = "continue";
        return step;
    }

    /// <summary>A condition step.</summary>
    public static JsonObject Condition(string id, string condition, JsonArray then, JsonArray? otherwise = null) => new()
    {
        ["id"] = id,
        ["kind"] = StepKinds.Condition,
        ["if"] = condition,
        ["then"] = then,
        ["else"] = otherwise ?? [],
    };

    /// <summary>A system message of the run in the team's channel.</summary>
    public static JsonObject Announce(string id, TeamDeclaration team, string title, string content) =>
        BuiltIn(id, TeamProjectAgents.Announce, new JsonObject { ["team"] = team.Id, ["title"] = title, ["content"] = content });

    /// <summary>A built-in step that fails with <paramref name="error"/> (a template), failing the run.</summary>
    public static JsonObject Fail(string id, string error) => BuiltIn(id, TeamProjectAgents.Fail, new JsonObject { ["error"] = error });

    /// <summary>The retry policy of a step: <paramref name="attempts"/> attempts in all.</summary>
    public static JsonObject Retry(int attempts) => new() { ["max_attempts"] = attempts };

    /// <summary>The steps of approval point <paramref name="at"/> when the team declares it (none otherwise): a <c>wait</c> for
    /// <c>{at}_approval</c> with the declared approvers, timeout and default, then a failure of the run when the answer is not
    /// <c>approve</c>.</summary>
    public static IEnumerable<JsonObject> Approval(TeamDeclaration team, string at)
    {
        if (team.Policies.Approvals.FirstOrDefault(a => a.At == at) is not { } approval)
        {
            yield break;
        }

        var wait = at.Replace('_', '-') + "-approval";
        yield return DecisionNotice(wait, team, "approval requested", ApprovalEvent(at), TeamRules.ApprovalDefaults, approval.Approvers, approval.TimeoutSeconds, approval.Default);
        yield return Wait(wait, ApprovalEvent(at), approval.Approvers, approval.TimeoutSeconds, approval.Default);
        yield return Condition(wait + "-rejected", $"steps.{wait}.output.decision != 'approve'", new JsonArray
        {
            Fail(wait + "-fail", $"{at} rejected: ${{steps.{wait}.output}}"),
        });
    }

    /// <summary>The channel message announcing wait <paramref name="waitId"/> (step <c>{waitId}-notice</c>): which event to raise with
    /// which decisions, who may raise it, and what happens when nobody does.</summary>
    public static JsonObject DecisionNotice(
        string waitId, TeamDeclaration team, string title, string eventName, IReadOnlyList<string> decisions, IReadOnlyList<string> approvers,
        int timeoutSeconds, string fallback) =>
        Announce(waitId + "-notice", team, title, string.Create(
            CultureInfo.InvariantCulture,
            $"Waiting for event '{eventName}' with {{\"decision\": {string.Join(" | ", decisions.Select(d => $"\"{d}\""))}}} from {string.Join(", ", approvers)}; after {timeoutSeconds} s: {fallback}."));

    /// <summary>A <c>wait</c> for event <paramref name="eventName"/> that only <paramref name="approvers"/> may raise; after
    /// <paramref name="timeoutSeconds"/> it completes with <c>{"decision": <paramref name="fallback"/>, "reason": ...}</c>.</summary>
    public static JsonObject Wait(string id, string eventName, IReadOnlyList<string> approvers, int timeoutSeconds, string fallback) => new()
    {
        ["id"] = id,
        ["kind"] = StepKinds.Wait,
        ["event"] = new JsonObject
        {
            ["name"] = eventName,
            ["approvers"] = new JsonArray([.. approvers.Select(a => (JsonNode?)a)]),
            ["timeout"] = string.Create(CultureInfo.InvariantCulture, $"{timeoutSeconds}s"),
            ["timeout_output"] = new JsonObject { ["decision"] = fallback, ["reason"] = "nobody answered in time" },
        },
    };

    /// <summary>The definition-wide spend limit of one run from the team's budgets; null when the team sets none.</summary>
    public static JsonObject? Budget(TeamDeclaration team)
    {
        var budgets = team.Policies.Budgets;
        if (budgets.MaxTokens is null && budgets.MaxCostUsd is null)
        {
            return null;
        }

        var budget = new JsonObject();
        if (budgets.MaxTokens is { } tokens)
        {
            budget["max_tokens"] = tokens;
        }

        if (budgets.MaxCostUsd is { } cost)
        {
            budget["max_cost"] = cost;
        }

        return budget;
    }

    /// <summary>The manager's planner: the declared one, else the manager member.</summary>
    public static AgentSelection ManagerPlanner(TeamDeclaration team) =>
        team.Planners.Manager ?? team.Members.First(m => m.Role == AgentRole.Manager).Selection;

    /// <summary>The coordinators' planner: the declared one, else the first coordinator member.</summary>
    public static AgentSelection CoordinatorPlanner(TeamDeclaration team) =>
        team.Planners.Coordinator ?? team.Members.First(m => m.Role == AgentRole.Coordinator).Selection;

    /// <summary>A definition's JSON with the team's budget, as the workflow loader reads it.</summary>
    public static WorkflowDefinition Load(TeamDeclaration team, string id, int version, string description, JsonArray steps, WorkflowLimitsOptions limits)
    {
        var definition = new JsonObject { ["id"] = id, ["version"] = version, ["description"] = description, ["steps"] = steps };
        if (Budget(team) is { } budget)
        {
            definition["budget"] = budget;
        }

        definition["output"] = $"${{steps.{TeamSteps.Report}.output}}";
        return WorkflowDefinitionLoader.FromJson(definition.ToJsonString(), limits);
    }
}
