using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Identity;

/// <summary>A partial change to an agent's profile; only the fields marked as set change.</summary>
/// <param name="SetDescription">True to replace the description with <paramref name="Description"/>.</param>
/// <param name="Description">The new description.</param>
/// <param name="SetEmoji">True to replace the emoji with <paramref name="Emoji"/> (null clears it).</param>
/// <param name="Emoji">The new emoji.</param>
/// <param name="Capabilities">When not null, replaces the whole capability map.</param>
/// <param name="SetRole">True to replace the role with <paramref name="Role"/> (null clears it).</param>
/// <param name="Role">The new role.</param>
public sealed record AgentProfileUpdate(
    [property: JsonPropertyName("set_description")] bool SetDescription,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("set_emoji")] bool SetEmoji,
    [property: JsonPropertyName("emoji")] string? Emoji,
    [property: JsonPropertyName("capabilities")] IReadOnlyDictionary<string, double>? Capabilities,
    [property: JsonPropertyName("set_role")] bool SetRole = false,
    [property: JsonPropertyName("role")] AgentRole? Role = null)
{
    /// <summary>Applies the change to <paramref name="profile"/>.</summary>
    public AgentProfile ApplyTo(AgentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile with
        {
            Description = SetDescription ? Description ?? string.Empty : profile.Description,
            Emoji = SetEmoji ? Emoji : profile.Emoji,
            Capabilities = Capabilities ?? profile.Capabilities,
            Role = SetRole ? Role : profile.Role,
        };
    }
}
