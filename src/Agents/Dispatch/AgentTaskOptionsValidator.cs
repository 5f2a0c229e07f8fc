using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Checks <see cref="AgentTaskOptions"/> and reports every problem at once.</summary>
public sealed class AgentTaskOptionsValidator : IValidateOptions<AgentTaskOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Positive(options.LeaseDuration, nameof(options.LeaseDuration), problems);
        Positive(options.OfflineCheckInterval, nameof(options.OfflineCheckInterval), problems);
        Positive(options.MatchBackoff, nameof(options.MatchBackoff), problems);
        Positive(options.RetainEnded, nameof(options.RetainEnded), problems);
        if (options.RestartGrace is { } grace && (grace < TimeSpan.Zero || grace > TimeSpan.FromDays(1)))
        {
            problems.Add($"{AgentTaskOptions.SectionName}:{nameof(options.RestartGrace)} must be between zero and one day; it is {grace}.");
        }

        if (options.MaxMatchBackoff < options.MatchBackoff)
        {
            problems.Add($"{AgentTaskOptions.SectionName}:{nameof(options.MaxMatchBackoff)} must be at least {nameof(options.MatchBackoff)}.");
        }

        if (options.MaxOutputBytes is < 1 or > 16 * 1024 * 1024)
        {
            problems.Add($"{AgentTaskOptions.SectionName}:{nameof(options.MaxOutputBytes)} must be between 1 and 16777216.");
        }

        if (options.MaxErrorLength is < 1 or > 100_000)
        {
            problems.Add($"{AgentTaskOptions.SectionName}:{nameof(options.MaxErrorLength)} must be between 1 and 100000.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private static void Positive(TimeSpan value, string name, List<string> problems)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            problems.Add($"{AgentTaskOptions.SectionName}:{name} must be greater than zero and at most one day.");
        }
    }
}
