using System.Globalization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Requests;

namespace AgentPlatform.Api;

/// <summary>Validation of what agents send to each other (posts, direct messages, requests, replies) and of inbox settlements;
/// every problem names its field.</summary>
public static class MessageInput
{
    /// <summary>The most delivery ids one acknowledgement or hand-back may carry.</summary>
    public const int MaxAcknowledgements = 1000;

    private const int MaxDeliveryIdLength = 200;

    /// <summary>Checks a message's title, content and priority; returns the parsed priority.</summary>
    public static MessagePriority Validate(string? title, string? content, string? priority, ChannelOptions options, List<FieldError> errors)
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

    /// <summary>Checks the <c>delivery_ids</c> of an acknowledgement or a hand-back.</summary>
    public static void ValidateDeliveryIds(IReadOnlyList<string?>? ids, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ids is null)
        {
            errors.Add(new FieldError("delivery_ids", "is required"));
            return;
        }

        if (ids.Count > MaxAcknowledgements)
        {
            errors.Add(new FieldError("delivery_ids", $"must hold at most {MaxAcknowledgements} ids"));
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrEmpty(ids[i]) || ids[i]!.Length > MaxDeliveryIdLength)
            {
                errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture, $"delivery_ids[{i}]"), "must be a delivery id from the inbox"));
            }
        }
    }

    /// <summary>Checks the optional <c>timeout_seconds</c> of an agent-to-agent request; returns the timeout to wait.</summary>
    public static TimeSpan ParseRequestTimeout(double? seconds, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (seconds is not { } value)
        {
            return AgentRequestService.MaxTimeout;
        }

        if (!double.IsFinite(value) || value <= 0 || value > AgentRequestService.MaxTimeout.TotalSeconds)
        {
            errors.Add(new FieldError("timeout_seconds", string.Create(
                CultureInfo.InvariantCulture, $"must be greater than 0 and at most {AgentRequestService.MaxTimeout.TotalSeconds}")));
            return AgentRequestService.MaxTimeout;
        }

        return TimeSpan.FromSeconds(value);
    }
}
