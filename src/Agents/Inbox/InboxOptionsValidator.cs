using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Checks <see cref="InboxOptions"/>, reporting every problem at once.</summary>
public sealed class InboxOptionsValidator : IValidateOptions<InboxOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, InboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AckTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{InboxOptions.SectionName}:AckTimeout must be positive.");
        }

        if (options.MaxAckTimeout < options.AckTimeout)
        {
            failures.Add($"{InboxOptions.SectionName}:MaxAckTimeout must be at least AckTimeout.");
        }

        if (options.MaxWait < TimeSpan.Zero || options.MaxWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{InboxOptions.SectionName}:MaxWait must be between 0 and 5 minutes.");
        }

        if (options.MaxReadLimit < 1)
        {
            failures.Add($"{InboxOptions.SectionName}:MaxReadLimit must be at least 1.");
        }

        if (options.DefaultReadLimit < 1 || options.DefaultReadLimit > options.MaxReadLimit)
        {
            failures.Add($"{InboxOptions.SectionName}:DefaultReadLimit must be between 1 and MaxReadLimit.");
        }

        if (options.MaxUnacknowledged < options.MaxReadLimit)
        {
            failures.Add($"{InboxOptions.SectionName}:MaxUnacknowledged must be at least MaxReadLimit.");
        }

        if (options.MaxAttemptsHigh < 1 || options.MaxAttemptsNormal < 1 || options.MaxAttemptsLow < 1)
        {
            failures.Add($"{InboxOptions.SectionName}:MaxAttemptsHigh, MaxAttemptsNormal and MaxAttemptsLow must be at least 1.");
        }

        if (options.NackBackoff <= TimeSpan.Zero || options.MaxNackBackoff < options.NackBackoff)
        {
            failures.Add($"{InboxOptions.SectionName}:NackBackoff must be positive and at most MaxNackBackoff.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
