using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Checks the dashboard settings, reporting every problem at once.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SessionLifetime < TimeSpan.FromSeconds(1) || options.SessionLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"Dashboard:SessionLifetime must be between 1 second and 7 days; it is {options.SessionLifetime}.");
        }

        if (options.MaxStreams is < 1 or > 10_000)
        {
            failures.Add($"Dashboard:MaxStreams must be between 1 and 10000; it is {options.MaxStreams}.");
        }

        if (options.FeedInterval < TimeSpan.FromMilliseconds(100) || options.FeedInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Dashboard:FeedInterval must be between 100 ms and 1 minute; it is {options.FeedInterval}.");
        }

        ApiOptionsValidator.ValidateBucket(options.SignInAttempts, "Dashboard:SignInAttempts", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
