namespace AgentPlatform.Workflows.Definitions;

/// <summary>The team roles a step may limit its agents to, and an approver may name: the wire names of the agents' roles.</summary>
public static class AgentRoleNames
{
    /// <summary>What a role may be, for problem messages.</summary>
    public const string Rule = "must be 'manager', 'coordinator' or 'executor'";

    /// <summary>The roles, in layer order.</summary>
    public static IReadOnlyList<string> All { get; } = ["manager", "coordinator", "executor"];

    /// <summary>True when <paramref name="text"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsRole(string? text) => text is not null && All.Contains(text, StringComparer.Ordinal);
}
