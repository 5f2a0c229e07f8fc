using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Api;

/// <summary>Validation of a channel to create; every problem names its field.</summary>
public static class NewChannelInput
{
    /// <summary>Checks the id, name and description; returns the parsed id (meaningful only when no error was added).</summary>
    public static ChannelId Validate(string? id, string? name, string? description, ChannelOptions options, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (!ChannelId.TryParse(id, out var parsed))
        {
            errors.Add(new FieldError("id", $"must be {ChannelId.MinLength}-{ChannelId.MaxLength} characters of [a-z0-9-]"));
        }

        ChannelProfileInput.Validate(name, nameRequired: true, description, options, errors);
        return parsed;
    }
}
