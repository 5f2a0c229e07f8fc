using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Api;

/// <summary>Edge validation of an agent registration, the same for HTTP and gRPC; every problem names its field.</summary>
public static class AgentRegistrationInput
{
    /// <summary>Checks the profile (name, description, emoji, capabilities) and the work declaration (task limit, heartbeat
    /// interval); returns the declared interval, meaningful only when no error was added.</summary>
    public static TimeSpan? Validate(
        string? name, string? description, string? emoji, IReadOnlyDictionary<string, double>? capabilities, int? maxConcurrentTasks,
        double? heartbeatIntervalSeconds, AgentLivenessOptions liveness, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(errors);
        var ruleErrors = new List<ProfileError>();
        AgentProfileRules.ValidateName(name, ruleErrors);
        AgentProfileRules.ValidateDescription(description, ruleErrors);
        AgentProfileRules.ValidateEmoji(emoji, ruleErrors);
        AgentProfileRules.ValidateCapabilities(capabilities, ruleErrors);
        errors.AddRange(ruleErrors.Select(e => new FieldError(e.Field, e.Message)));
        AgentWorkInput.ValidateMaxConcurrentTasks(maxConcurrentTasks, errors);
        return AgentWorkInput.ParseHeartbeatInterval(heartbeatIntervalSeconds, liveness, errors);
    }
}
