using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Api;

/// <summary>Edge validation of an agent's team role (registration, <c>PATCH /agents/me</c>, list and match filters).</summary>
public static class AgentRoleInput
{
    /// <summary>The wire name of the role field and query parameter.</summary>
    public const string Field = "role";

    /// <summary>Reads a role's wire name; null stays null (no role), anything unknown adds an error naming <paramref name="field"/>.</summary>
    public static AgentRole? Parse(string? text, List<FieldError> errors, string field = Field)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return null;
        }

        if (AgentRoles.TryParse(text, out var role))
        {
            return role;
        }

        errors.Add(new FieldError(field, $"must be {AgentRoles.Expected}"));
        return null;
    }
}
