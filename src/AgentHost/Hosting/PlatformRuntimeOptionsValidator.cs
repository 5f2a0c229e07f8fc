using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Accepts only a runtime mode this build can run, reporting every problem at once.</summary>
public sealed class PlatformRuntimeOptionsValidator : IValidateOptions<PlatformRuntimeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PlatformRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.Equals(options.Mode, PlatformRuntimeOptions.DaprMode, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Runtime:Mode is 'dapr', but the Dapr adapter is not part of this build (it comes in a later issue); set Runtime:Mode to 'embedded'.");
        }
        else if (!string.Equals(options.Mode, PlatformRuntimeOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Runtime:Mode must be 'embedded' or 'dapr'; it is '{options.Mode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Runtime:DataDirectory must name a directory.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
