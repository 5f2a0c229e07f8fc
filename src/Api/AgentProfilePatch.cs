using System.Text.Json;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Api;

/// <summary>Reads a <c>PATCH /agents/me</c> body: only <c>description</c>, <c>emoji</c>, <c>capabilities</c>,
/// <c>role</c> (null clears it), <c>max_concurrent_tasks</c> and <c>heartbeat_interval_seconds</c> (null returns to the host's
/// interval) may appear.</summary>
public static class AgentProfilePatch
{
    private static readonly HashSet<string> ReadOnlyFields = new(StringComparer.Ordinal)
    {
        "id", "name", "status", "last_heartbeat", "created_at", "api_key", "load", "track_record",
    };

    /// <summary>The profile change and the work declaration of a valid body; null with <paramref name="errors"/> filled otherwise.</summary>
    public static (AgentProfileUpdate Profile, AgentDeclaration Declaration)? Read(JsonElement body, AgentLivenessOptions liveness, List<FieldError> errors)
    {
        int? maxConcurrentTasks = null;
        var setInterval = false;
        TimeSpan? interval = null;
        var setDescription = false;
        string? description = null;
        var setEmoji = false;
        string? emoji = null;
        Dictionary<string, double>? capabilities = null;
        var setRole = false;
        AgentRole? role = null;
        var ruleErrors = new List<ProfileError>();
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "description":
                    setDescription = ReadText(property, errors, out description);
                    AgentProfileRules.ValidateDescription(description, ruleErrors);
                    break;
                case "emoji":
                    setEmoji = ReadText(property, errors, out emoji);
                    AgentProfileRules.ValidateEmoji(emoji, ruleErrors);
                    break;
                case "capabilities":
                    capabilities = ReadCapabilities(property.Value, errors);
                    AgentProfileRules.ValidateCapabilities(capabilities, ruleErrors);
                    break;
                case AgentRoleInput.Field:
                    setRole = ReadText(property, errors, out var roleName);
                    role = AgentRoleInput.Parse(roleName, errors);
                    break;
                case AgentWorkInput.MaxConcurrentTasksField:
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var max))
                    {
                        errors.Add(new FieldError(property.Name, $"must be a whole number between 1 and {AgentDeclaration.MaxTaskLimit}"));
                        break;
                    }

                    maxConcurrentTasks = max;
                    AgentWorkInput.ValidateMaxConcurrentTasks(max, errors);
                    break;
                case AgentWorkInput.HeartbeatIntervalField:
                    setInterval = true;
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }

                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var seconds))
                    {
                        errors.Add(new FieldError(property.Name, "must be a number of seconds or null"));
                        break;
                    }

                    interval = AgentWorkInput.ParseHeartbeatInterval(seconds, liveness, errors);
                    break;
                case var name when ReadOnlyFields.Contains(name):
                    errors.Add(new FieldError(name, "is read-only"));
                    break;
                default:
                    errors.Add(new FieldError(ClientText.Printable(property.Name), "is not a known field"));
                    break;
            }
        }

        errors.AddRange(ruleErrors.Select(e => new FieldError(e.Field, e.Message)));
        return errors.Count == 0
            ? (new AgentProfileUpdate(setDescription, description, setEmoji, emoji, capabilities, setRole, role),
                new AgentDeclaration(capabilities, maxConcurrentTasks, setInterval, interval, setRole, role))
            : null;
    }

    private static bool ReadText(JsonProperty property, List<FieldError> errors, out string? value)
    {
        value = null;
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                value = property.Value.GetString();
                return true;
            default:
                errors.Add(new FieldError(property.Name, "must be a string or null"));
                return false;
        }
    }

    private static Dictionary<string, double>? ReadCapabilities(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("capabilities", "must be an object of name → number"));
            return null;
        }

        var capabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetDouble(out var proficiency))
            {
                errors.Add(new FieldError($"capabilities.{ClientText.Printable(entry.Name)}", "proficiency must be a number between 0 and 1"));
                continue;
            }

            capabilities[entry.Name] = proficiency;
        }

        return capabilities;
    }
}
