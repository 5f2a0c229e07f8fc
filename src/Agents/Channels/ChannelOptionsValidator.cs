using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Channels;

/// <summary>Checks <see cref="ChannelOptions"/>, reporting every problem at once.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PostCooldown < TimeSpan.Zero)
        {
            failures.Add($"{ChannelOptions.SectionName}:PostCooldown must not be negative.");
        }

        if (options.PublishRetryInterval < TimeSpan.FromSeconds(1) || options.PublishRetryInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{ChannelOptions.SectionName}:PublishRetryInterval must be between 1 second and 1 hour.");
        }

        Positive(failures, nameof(options.MaxNameLength), options.MaxNameLength);
        Positive(failures, nameof(options.MaxDescriptionLength), options.MaxDescriptionLength);
        Positive(failures, nameof(options.MaxTitleLength), options.MaxTitleLength);
        Positive(failures, nameof(options.MaxContentLength), options.MaxContentLength);
        Positive(failures, nameof(options.MaxReadLimit), options.MaxReadLimit);
        Positive(failures, nameof(options.MaxPostBatch), options.MaxPostBatch);
        if (options.DefaultReadLimit < 1 || options.DefaultReadLimit > options.MaxReadLimit)
        {
            failures.Add($"{ChannelOptions.SectionName}:DefaultReadLimit must be between 1 and MaxReadLimit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string property, int value)
    {
        if (value < 1)
        {
            failures.Add($"{ChannelOptions.SectionName}:{property} must be at least 1.");
        }
    }
}
