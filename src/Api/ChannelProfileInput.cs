using AgentPlatform.Agents.Channels;

namespace AgentPlatform.Api;

/// <summary>Validation of a channel's name and description, on create and on change; every problem names its field.</summary>
public static class ChannelProfileInput
{
    /// <summary>Checks an optional (or, with <paramref name="nameRequired"/>, required) name and an optional description
    /// against the limits.</summary>
    public static void Validate(string? name, bool nameRequired, string? description, ChannelOptions options, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (name is null ? nameRequired : string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "is required and must not be blank"));
        }
        else if (name is not null && name.Length > options.MaxNameLength)
        {
            errors.Add(new FieldError("name", $"must be at most {options.MaxNameLength} characters"));
        }

        if (description is { Length: var length } && length > options.MaxDescriptionLength)
        {
            errors.Add(new FieldError("description", $"must be at most {options.MaxDescriptionLength} characters"));
        }
    }
}
