using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>Rejects inbox connection caps that cannot work, reporting every problem at once.</summary>
public sealed class InboxConnectionOptionsValidator : IValidateOptions<InboxConnectionOptions>
{
    /// <summary>The highest per-agent cap accepted.</summary>
    public const int MaxPerAgent = 1_000;

    /// <summary>The highest total accepted.</summary>
    public const int MaxTotalCeiling = 1_000_000;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, InboxConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxLongPollsPerAgent is < 1 or > MaxPerAgent)
        {
            failures.Add($"{InboxConnectionOptions.SectionName}:MaxLongPollsPerAgent must be between 1 and {MaxPerAgent}; it is {options.MaxLongPollsPerAgent}.");
        }

        if (options.MaxStreamsPerAgent is < 1 or > MaxPerAgent)
        {
            failures.Add($"{InboxConnectionOptions.SectionName}:MaxStreamsPerAgent must be between 1 and {MaxPerAgent}; it is {options.MaxStreamsPerAgent}.");
        }

        if (options.MaxTotal < Math.Max(options.MaxLongPollsPerAgent, options.MaxStreamsPerAgent) || options.MaxTotal > MaxTotalCeiling)
        {
            failures.Add($"{InboxConnectionOptions.SectionName}:MaxTotal must be between the per-agent caps and {MaxTotalCeiling}; it is {options.MaxTotal}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
