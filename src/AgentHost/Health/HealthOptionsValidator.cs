using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Checks the readiness bounds, reporting every problem at once.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Positive(failures, "Health:SqliteWriteBound", options.SqliteWriteBound);
        Positive(failures, "Health:GroupCommitStuckAfter", options.GroupCommitStuckAfter);
        Positive(failures, "Health:ReminderOverdueBound", options.ReminderOverdueBound);
        Positive(failures, "Health:SidecarBound", options.SidecarBound);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{key} must be more than zero and at most 10 minutes; it is {value}.");
        }
    }
}
