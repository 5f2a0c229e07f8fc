using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Agents.Teams;

/// <summary>Reads a team declaration from its JSON tree (YAML is converted to the same tree first) and checks every rule, naming each
/// problem by its JSON pointer.</summary>
public static class TeamDeclarationReader
{
    private static readonly string[] RootFields = ["id", "name", "description", "members", "planners", "policies", "channel"];
    private static readonly string[] MemberFields = ["role", "agent", "capabilities", "min_confidence", "count"];
    private static readonly string[] SelectionFields = ["agent", "capabilities", "min_confidence"];
    private static readonly string[] PlannerLayers = ["manager", "coordinator"];
    private static readonly string[] PolicyFields = ["retry_budget", "reassignment", "escalation", "budgets", "approvals"];
    private static readonly string[] EscalationFields = ["to_coordinator_after", "to_manager_after", "human"];
    private static readonly string[] HumanFields = ["approvers", "timeout_seconds", "default"];
    private static readonly string[] BudgetFields = ["max_tokens", "max_cost_usd"];
    private static readonly string[] ApprovalFields = ["at", "approvers", "timeout_seconds", "default"];

    /// <summary>The declaration of team <paramref name="teamId"/> in <paramref name="root"/>.</summary>
    /// <exception cref="TeamDeclarationException">The tree breaks a rule; every problem is listed.</exception>
    public static TeamDeclaration Read(JsonNode? root, string teamId)
    {
        var problems = new List<TeamProblem>();
        if (!TeamRules.IsTeamId(teamId))
        {
            problems.Add(new("/id", $"must be 3-{TeamRules.MaxIdLength} characters of [a-z0-9-]"));
        }

        // One representation for every value (YAML converts scalars to typed values, JSON keeps elements), so each is read one way.
        if (JsonNode.Parse(root?.ToJsonString() ?? "null") is not JsonObject team)
        {
            problems.Add(new("/", "a team declaration must be an object"));
            throw new TeamDeclarationException(problems);
        }

        Unknown(team, "", RootFields, problems);
        if (Text(team, "id", "/id", problems) is { } id && id != teamId)
        {
            problems.Add(new("/id", $"is '{Printable(id)}' but the path names team '{Printable(teamId)}'"));
        }

        if (Text(team, "channel", "/channel", problems) is { } channel && channel != TeamRules.ChannelOf(teamId))
        {
            problems.Add(new("/channel", $"is created and owned by the platform: it is '{TeamRules.ChannelOf(teamId)}' or left out"));
        }

        var name = Text(team, "name", "/name", problems, maxLength: 200) ?? teamId;
        var description = Text(team, "description", "/description", problems, maxLength: AgentProfileRules.MaxDescriptionLength) ?? string.Empty;
        var members = Members(team["members"], problems);
        var planners = Planners(team["planners"], problems);
        var policies = Policies(team["policies"], problems);
        if (problems.Count > 0)
        {
            throw new TeamDeclarationException(problems);
        }

        return new TeamDeclaration(teamId, name, description, members, planners, policies, TeamRules.ChannelOf(teamId));
    }

    private static List<TeamMember> Members(JsonNode? node, List<TeamProblem> problems)
    {
        var members = new List<TeamMember>();
        if (node is not JsonArray list || list.Count == 0)
        {
            problems.Add(new("/members", "is required: a list of members, each with a role and an agent or capabilities"));
            return members;
        }

        if (list.Count > TeamRules.MaxMembers)
        {
            problems.Add(new("/members", $"must have at most {TeamRules.MaxMembers} entries"));
            return members;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"/members/{i.ToString(CultureInfo.InvariantCulture)}";
            if (list[i] is not JsonObject member)
            {
                problems.Add(new(path, "a member must be an object"));
                continue;
            }

            Unknown(member, path, MemberFields, problems);
            AgentRole? role = null;
            if (Text(member, "role", $"{path}/role", problems) is not { } roleName)
            {
                problems.Add(new($"{path}/role", $"is required: {AgentRoles.Expected}"));
            }
            else if (AgentRoles.TryParse(roleName, out var parsed))
            {
                role = parsed;
            }
            else
            {
                problems.Add(new($"{path}/role", $"must be {AgentRoles.Expected}"));
            }

            var selection = Selection(member, path, problems);
            var count = Whole(member, "count", $"{path}/count", 1, TeamRules.MaxSelectionCount, problems);
            if (member.ContainsKey("agent") && member.ContainsKey("count"))
            {
                problems.Add(new($"{path}/count", "applies only to a selection by capabilities"));
            }

            if (selection?.AgentId is { } agentId)
            {
                if (!named.TryAdd(agentId, path))
                {
                    problems.Add(new($"{path}/agent", $"is already a member at {named[agentId]}"));
                }
            }

            if (role is { } known && selection is not null)
            {
                members.Add(new TeamMember(known, selection, count ?? 1));
            }
        }

        foreach (var role in Enum.GetValues<AgentRole>())
        {
            if (members.Count > 0 && !members.Any(m => m.Role == role))
            {
                problems.Add(new("/members", $"has no {AgentRoles.NameOf(role)}: a team needs at least one of each role"));
            }
        }

        if (members.Count(m => m.Role == AgentRole.Manager) > 1 || members.Any(m => m.Role == AgentRole.Manager && m.Count > 1))
        {
            problems.Add(new("/members", "has more than one manager: a team has exactly one"));
        }

        return members;
    }

    private static AgentSelection? Selection(JsonObject node, string path, List<TeamProblem> problems)
    {
        var agent = Text(node, "agent", $"{path}/agent", problems);
        var hasCapabilities = node.ContainsKey("capabilities");
        if (agent is not null && hasCapabilities)
        {
            problems.Add(new(path, "names both an agent and capabilities; give one"));
            return null;
        }

        if (agent is not null)
        {
            if (node.ContainsKey("min_confidence"))
            {
                problems.Add(new($"{path}/min_confidence", "applies only to a selection by capabilities"));
            }

            if (!ApiKey.IsAgentId(agent))
            {
                problems.Add(new($"{path}/agent", "must be an agent id (agt_ and 20 hex digits)"));
                return null;
            }

            return new AgentSelection(agent, null);
        }

        if (!hasCapabilities)
        {
            problems.Add(new(path, "needs an agent (by id) or capabilities (name: weight) to select agents by"));
            return null;
        }

        var capabilities = Capabilities(node["capabilities"], $"{path}/capabilities", problems);
        var minConfidence = 0.0;
        if (node["min_confidence"] is { } confidence
            && (confidence.GetValueKind() != JsonValueKind.Number || !double.IsFinite(minConfidence = confidence.GetValue<double>()) || minConfidence is < 0 or > 1))
        {
            problems.Add(new($"{path}/min_confidence", "must be a number between 0 and 1"));
        }

        return capabilities is null ? null : new AgentSelection(null, capabilities, minConfidence);
    }

    private static Dictionary<string, double>? Capabilities(JsonNode? node, string path, List<TeamProblem> problems)
    {
        if (node is not JsonObject map || map.Count is 0 or > AgentProfileRules.MaxCapabilities)
        {
            problems.Add(new(path, $"must be an object of 1-{AgentProfileRules.MaxCapabilities} capability names with weights"));
            return null;
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            var entryPath = $"{path}/{Printable(name)}";
            if (!AgentProfileRules.IsCapabilityName(name))
            {
                problems.Add(new(entryPath, $"is not a capability name (1-{AgentProfileRules.MaxCapabilityNameLength} characters of [a-z0-9_.-])"));
            }
            else if (value?.GetValueKind() != JsonValueKind.Number || value.GetValue<double>() is not (> 0 and <= 1000))
            {
                problems.Add(new(entryPath, "weight must be a number greater than 0 and at most 1000"));
            }
            else
            {
                weights[name] = value.GetValue<double>();
            }
        }

        return weights.Count == map.Count ? weights : null;
    }

    private static TeamPlanners Planners(JsonNode? node, List<TeamProblem> problems)
    {
        if (node is null)
        {
            return new TeamPlanners();
        }

        if (node is not JsonObject planners)
        {
            problems.Add(new("/planners", "must be an object with 'manager' and/or 'coordinator'"));
            return new TeamPlanners();
        }

        Unknown(planners, "/planners", PlannerLayers, problems, "a layer that plans ('manager' or 'coordinator')");
        AgentSelection? Layer(string layer)
        {
            if (planners[layer] is not { } value)
            {
                return null;
            }

            if (value is not JsonObject planner)
            {
                problems.Add(new($"/planners/{layer}", "must be an object with an agent or capabilities"));
                return null;
            }

            Unknown(planner, $"/planners/{layer}", SelectionFields, problems);
            return Selection(planner, $"/planners/{layer}", problems);
        }

        return new TeamPlanners(Layer("manager"), Layer("coordinator"));
    }

    private static TeamPolicies Policies(JsonNode? node, List<TeamProblem> problems)
    {
        var policies = node as JsonObject ?? [];
        if (node is not null and not JsonObject)
        {
            problems.Add(new("/policies", "must be an object"));
        }

        Unknown(policies, "/policies", PolicyFields, problems);
        var retryBudget = Whole(policies, "retry_budget", "/policies/retry_budget", 1, TeamRules.MaxAttempts, problems) ?? 3;
        var reassignment = true;
        if (policies["reassignment"] is { } flag)
        {
            if (flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                reassignment = flag.GetValue<bool>();
            }
            else
            {
                problems.Add(new("/policies/reassignment", "must be true or false"));
            }
        }

        var escalation = Section(policies, "escalation", EscalationFields, problems);
        var toCoordinator = Whole(escalation, "to_coordinator_after", "/policies/escalation/to_coordinator_after", 1, TeamRules.MaxAttempts, problems) ?? retryBudget;
        if (toCoordinator > retryBudget)
        {
            problems.Add(new("/policies/escalation/to_coordinator_after", $"must be at most the retry budget ({retryBudget}): a sub-task cannot fail more often than it is tried"));
        }

        var toManager = Whole(escalation, "to_manager_after", "/policies/escalation/to_manager_after", 1, TeamRules.MaxCoordinatorRounds, problems) ?? 1;
        var human = Human(escalation["human"], problems);
        var budgets = Section(policies, "budgets", BudgetFields, problems);
        var maxTokens = Whole(budgets, "max_tokens", "/policies/budgets/max_tokens", 1, long.MaxValue, problems);
        double? maxCost = null;
        if (budgets["max_cost_usd"] is { } cost)
        {
            if (cost.GetValueKind() == JsonValueKind.Number && cost.GetValue<double>() is > 0 and <= 1e9)
            {
                maxCost = cost.GetValue<double>();
            }
            else
            {
                problems.Add(new("/policies/budgets/max_cost_usd", "must be a number greater than 0 and at most 1e9"));
            }
        }

        return new TeamPolicies(
            retryBudget, reassignment, new TeamEscalation(toCoordinator, toManager, human), new TeamBudgets(maxTokens, maxCost), Approvals(policies["approvals"], problems));
    }

    private static List<TeamApproval> Approvals(JsonNode? node, List<TeamProblem> problems)
    {
        var approvals = new List<TeamApproval>();
        if (node is null)
        {
            return approvals;
        }

        if (node is not JsonArray list || list.Count > TeamRules.MaxApprovals)
        {
            problems.Add(new("/policies/approvals", $"must be a list of at most {TeamRules.MaxApprovals} approval points"));
            return approvals;
        }

        var points = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"/policies/approvals/{i.ToString(CultureInfo.InvariantCulture)}";
            if (list[i] is not JsonObject approval)
            {
                problems.Add(new(path, "an approval point must be an object"));
                continue;
            }

            Unknown(approval, path, ApprovalFields, problems);
            var at = Text(approval, "at", $"{path}/at", problems);
            if (at is null || !TeamRules.ApprovalPoints.Contains(at))
            {
                problems.Add(new($"{path}/at", $"must be one of {string.Join(", ", TeamRules.ApprovalPoints)}"));
            }
            else if (!points.Add(at))
            {
                problems.Add(new($"{path}/at", $"'{at}' is declared twice"));
            }

            var (approvers, timeout, fallback) = Answering(approval, path, TeamRules.ApprovalDefaults, problems);
            if (at is not null && approvers is not null && timeout is { } seconds && fallback is not null)
            {
                approvals.Add(new TeamApproval(at, approvers, seconds, fallback));
            }
        }

        return approvals;
    }

    /// <summary>The human escalation policy: absent or null means <see cref="TeamHumanEscalation.Standard"/>; declared, it is read and
    /// checked as an approval point is (every field required), its default being a decision of <see cref="TeamRules.HumanDecisions"/>.</summary>
    private static TeamHumanEscalation Human(JsonNode? node, List<TeamProblem> problems)
    {
        const string Path = "/policies/escalation/human";
        if (node is null)
        {
            return TeamHumanEscalation.Standard;
        }

        if (node is not JsonObject human)
        {
            problems.Add(new(Path, "must be an object with approvers, timeout_seconds and default"));
            return TeamHumanEscalation.Standard;
        }

        Unknown(human, Path, HumanFields, problems);
        var (approvers, timeout, fallback) = Answering(human, Path, TeamRules.HumanDecisions, problems);
        return approvers is not null && timeout is { } seconds && fallback is not null
            ? new TeamHumanEscalation(approvers, seconds, fallback)
            : TeamHumanEscalation.Standard;
    }

    /// <summary>Who may answer a wait, how long it waits and its outcome when nobody answers, shared by approval points and the human
    /// escalation: each field is required; a field with a problem is null.</summary>
    private static (List<string>? Approvers, int? TimeoutSeconds, string? Default) Answering(
        JsonObject node, string path, IReadOnlyList<string> defaults, List<TeamProblem> problems)
    {
        var approvers = Approvers(node["approvers"], $"{path}/approvers", problems);
        var timeout = Whole(node, "timeout_seconds", $"{path}/timeout_seconds", 1, TeamRules.MaxApprovalSeconds, problems);
        if (timeout is null && !node.ContainsKey("timeout_seconds"))
        {
            problems.Add(new($"{path}/timeout_seconds", $"is required: 1-{TeamRules.MaxApprovalSeconds} seconds"));
        }

        var fallback = Text(node, "default", $"{path}/default", problems);
        if (fallback is null || !defaults.Contains(fallback))
        {
            problems.Add(new($"{path}/default", $"is required: the outcome on timeout, {string.Join(" or ", defaults.Select(d => $"'{d}'"))}"));
            fallback = null;
        }

        return (approvers, timeout, fallback);
    }

    private static List<string>? Approvers(JsonNode? node, string path, List<TeamProblem> problems)
    {
        if (node is not JsonArray list || list.Count is 0 or > TeamRules.MaxApprovals)
        {
            problems.Add(new(path, $"is required: a list of 1-{TeamRules.MaxApprovals} approvers"));
            return null;
        }

        var approvers = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var text = list[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            if (!TeamRules.IsApprover(text))
            {
                problems.Add(new($"{path}/{i.ToString(CultureInfo.InvariantCulture)}", TeamRules.ApproverRule));
            }
            else
            {
                approvers.Add(text);
            }
        }

        return approvers.Count == list.Count ? approvers : null;
    }

    private static JsonObject Section(JsonObject parent, string field, string[] known, List<TeamProblem> problems)
    {
        switch (parent[field])
        {
            case null:
                return [];
            case JsonObject section:
                Unknown(section, $"/policies/{field}", known, problems);
                return section;
            default:
                problems.Add(new($"/policies/{field}", "must be an object"));
                return [];
        }
    }

    private static string? Text(JsonObject node, string field, string path, List<TeamProblem> problems, int maxLength = 200)
    {
        if (node[field] is not { } value)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(new(path, "must be a string"));
            return null;
        }

        var text = value.GetValue<string>();
        if (text.Length > maxLength || text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            problems.Add(new(path, $"must be at most {maxLength} characters without control characters"));
            return null;
        }

        return text;
    }

    private static long? Whole(JsonObject node, string field, string path, long min, long max, List<TeamProblem> problems)
    {
        if (node[field] is not { } value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number && value is JsonValue number && number.TryGetValue<long>(out var whole) && whole >= min && whole <= max)
        {
            return whole;
        }

        if (value.GetValueKind() == JsonValueKind.Number && value.GetValue<double>() is var real && real == Math.Floor(real) && real >= min && real <= max)
        {
            return (long)real;
        }

        problems.Add(new(path, $"must be a whole number between {min} and {max}"));
        return null;
    }

    private static int? Whole(JsonObject node, string field, string path, int min, int max, List<TeamProblem> problems) =>
        (int?)Whole(node, field, path, (long)min, max, problems);

    private static void Unknown(JsonObject node, string path, string[] known, List<TeamProblem> problems, string? expected = null)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name))
            {
                problems.Add(new($"{path}/{Printable(name)}", expected is null ? $"is not a known field (expected {string.Join(", ", known)})" : $"is not {expected}"));
            }
        }
    }

    private static string Printable(string text)
    {
        var cut = text.Length > 64 ? text[..64] + "…" : text;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
