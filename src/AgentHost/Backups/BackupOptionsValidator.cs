using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Backups;

/// <summary>Checks the backup schedule, reporting every problem at once.</summary>
public sealed class BackupOptionsValidator : IValidateOptions<BackupOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromDays(7))
        {
            failures.Add($"Backups:Interval must be between 1 second and 7 days; it is {options.Interval}.");
        }

        if (options.Keep is < 1 or > 10_000)
        {
            failures.Add($"Backups:Keep must be between 1 and 10000; it is {options.Keep}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
