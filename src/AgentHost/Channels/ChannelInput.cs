using System.Globalization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.AgentHost.Channels;

/// <summary>Edge validation shared by the channel, post and inbox endpoints; every problem names its field.</summary>
public static class ChannelInput
{
    /// <summary>Checks a message's title, content and priority; returns the parsed priority.</summary>
    public static MessagePriority ValidateMessage(string? title, string? content, string? priority, ChannelOptions options, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(content))
        {
            errors.Add(new FieldError("content", "is required and must not be blank"));
        }
        else if (content.Length > options.MaxContentLength)
        {
            errors.Add(new FieldError("content", $"must be at most {options.MaxContentLength} characters"));
        }

        if (title is not null && title.Length > options.MaxTitleLength)
        {
            errors.Add(new FieldError("title", $"must be at most {options.MaxTitleLength} characters"));
        }

        var parsed = MessagePriority.Normal;
        if (priority is not null && !MessagePriorities.TryParse(priority, out parsed))
        {
            errors.Add(new FieldError("priority", "must be 'high', 'normal' or 'low'"));
        }

        return parsed;
    }

    /// <summary>Parses an optional whole-number query value within bounds; adds an error naming it otherwise.</summary>
    public static long ParseWhole(string? text, string field, long fallback, long min, long max, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return fallback;
        }

        if (text.Length is 0 or > 19 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new FieldError(field, $"must be a whole number between {min} and {max}"));
            return fallback;
        }

        return value;
    }

    /// <summary>Checks an optional channel name and description against the limits.</summary>
    public static void ValidateProfile(string? name, bool nameRequired, string? description, ChannelOptions options, List<FieldError> errors)
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

    /// <summary>The problem for a domain failure of a channel call, or null when <paramref name="exception"/> is not one.</summary>
    public static ApiProblem? ProblemFor(Exception exception) => exception switch
    {
        ChannelNotFoundException e => Problems.NotFound($"There is no channel '{e.ChannelId}'."),
        NotChannelMemberException e => Problems.Forbidden($"Only members of '{e.ChannelId}' may do this; join it first."),
        ChannelAccessDeniedException e => Problems.Forbidden(e.Message),
        ChannelAlreadyExistsException e => Problems.Conflict($"The channel '{e.ChannelId}' already exists."),
        PostCooldownException e => Problems.RateLimited(
            e.RetryAfter, $"One post per channel every cooldown period; retry after {Problems.RetryAfterSeconds(e.RetryAfter)} seconds."),
        _ => null,
    };

    /// <summary>The channel id from a route value, or a 404 problem when it cannot name a channel.</summary>
    public static bool TryRouteChannel(string id, out ChannelId channel, out ApiProblem? problem)
    {
        problem = null;
        if (ChannelId.TryParse(id, out channel))
        {
            return true;
        }

        problem = Problems.NotFound($"There is no channel '{Problems.Printable(id)}'.");
        return false;
    }
}
