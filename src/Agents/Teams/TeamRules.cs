using System.Diagnostics.CodeAnalysis;
using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Agents.Teams;

/// <summary>The limits of team declarations and the approver grammar shared with workflow <c>wait</c> steps.</summary>
public static class TeamRules
{
    /// <summary>The prefix of a team's channel id.</summary>
    public const string ChannelPrefix = "team-";

    /// <summary>The longest team id (its channel id adds <see cref="ChannelPrefix"/> and stays a valid channel id).</summary>
    public const int MaxIdLength = 59;

    /// <summary>The most members (places) one team declares.</summary>
    public const int MaxMembers = 100;

    /// <summary>The most agents one capability selection takes.</summary>
    public const int MaxSelectionCount = 100;

    /// <summary>The largest retry budget and escalation threshold.</summary>
    public const int MaxAttempts = 100;

    /// <summary>The most approval points and the most approvers of one point.</summary>
    public const int MaxApprovals = 20;

    /// <summary>The longest approval wait: 30 days.</summary>
    public const int MaxApprovalSeconds = 30 * 24 * 3600;

    /// <summary>The approver that stands for the operator token.</summary>
    public const string OperatorApprover = "operator";

    /// <summary>The points of a team run that may wait for approval.</summary>
    public static IReadOnlyList<string> ApprovalPoints { get; } = [ProjectPlanApproval, GoalPlanApproval, ProjectReportApproval];

    /// <summary>The approval point after the manager planned the goals.</summary>
    public const string ProjectPlanApproval = "project_plan";

    /// <summary>The approval point after a coordinator planned a goal's sub-tasks.</summary>
    public const string GoalPlanApproval = "goal_plan";

    /// <summary>The approval point after the report was written.</summary>
    public const string ProjectReportApproval = "project_report";

    /// <summary>The outcomes an approval may default to.</summary>
    public static IReadOnlyList<string> ApprovalDefaults { get; } = ["approve", "reject"];

    /// <summary>The decisions a human answers the manager's <c>ask_human</c> with, and the ones a human escalation may default to.</summary>
    public static IReadOnlyList<string> HumanDecisions { get; } = ["retry", "give_up"];

    /// <summary>The most times a goal's coordinator may be asked (<c>escalation.to_manager_after</c>): each time adds a round of steps
    /// to the goal definition.</summary>
    public const int MaxCoordinatorRounds = 20;

    /// <summary>True when <paramref name="id"/> is a valid team id: 3-<see cref="MaxIdLength"/> characters <c>[a-z0-9-]</c>.</summary>
    public static bool IsTeamId([NotNullWhen(true)] string? id) =>
        id is { Length: >= 3 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The channel id of team <paramref name="teamId"/>.</summary>
    public static string ChannelOf(string teamId) => ChannelPrefix + teamId;

    /// <summary>True when <paramref name="approver"/> is <c>operator</c>, a role name or an agent id.</summary>
    public static bool IsApprover([NotNullWhen(true)] string? approver) =>
        approver == OperatorApprover || AgentRoles.TryParse(approver, out _) || ApiKey.IsAgentId(approver);

    /// <summary>What an approver may be, for problem messages.</summary>
    public const string ApproverRule = "must be 'operator', a role ('manager', 'coordinator', 'executor') or an agent id (agt_ and 20 hex digits)";
}
