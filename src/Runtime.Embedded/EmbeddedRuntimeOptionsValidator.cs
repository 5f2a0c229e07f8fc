using Microsoft.Extensions.Options;

namespace AgentPlatform.Runtime.Embedded;

/// <summary>Checks <see cref="EmbeddedRuntimeOptions"/> and reports every problem at once.</summary>
public sealed class EmbeddedRuntimeOptionsValidator : IValidateOptions<EmbeddedRuntimeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EmbeddedRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!options.UseInMemoryStorage && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            problems.Add("DataDirectory must be set unless UseInMemoryStorage is true.");
        }

        if (options.DefaultIdleTimeout <= TimeSpan.Zero)
        {
            problems.Add("DefaultIdleTimeout must be positive.");
        }

        if (options.IdleScanInterval <= TimeSpan.Zero)
        {
            problems.Add("IdleScanInterval must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.StateStoreName))
        {
            problems.Add("StateStoreName must be set.");
        }

        if (options.PubSub is null)
        {
            problems.Add("PubSub must be set.");
        }
        else
        {
            problems.AddRange(options.PubSub.Validate());
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
