namespace AgentPlatform.Agents.Identity;

/// <summary>The wire names of <see cref="AgentRole"/>, shared by every API and the team declarations.</summary>
public static class AgentRoles
{
    /// <summary>What a role may be, for problem messages.</summary>
    public const string Expected = "'manager', 'coordinator' or 'executor'";

    /// <summary>The wire name of <paramref name="role"/>.</summary>
    public static string NameOf(AgentRole role) => role switch
    {
        AgentRole.Manager => "manager",
        AgentRole.Coordinator => "coordinator",
        _ => "executor",
    };

    /// <summary>The wire name of <paramref name="role"/>, or null when there is none.</summary>
    public static string? NameOf(AgentRole? role) => role is { } known ? NameOf(known) : null;

    /// <summary>Reads a wire name (exact, lower case); false for anything else.</summary>
    public static bool TryParse(string? text, out AgentRole role)
    {
        (var known, role) = text switch
        {
            "manager" => (true, AgentRole.Manager),
            "coordinator" => (true, AgentRole.Coordinator),
            "executor" => (true, AgentRole.Executor),
            _ => (false, AgentRole.Executor),
        };
        return known;
    }
}
