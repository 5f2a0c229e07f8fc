using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Telemetry;

/// <summary>Checks the OTLP endpoint, reporting every problem at once.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"Telemetry:OtlpEndpoint must be an absolute http or https URL; it is '{options.OtlpEndpoint}'.");
        }

        if (!(options.TraceSampleRatio is >= 0 and <= 1))
        {
            failures.Add($"Telemetry:TraceSampleRatio must be between 0 and 1; it is {options.TraceSampleRatio}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
