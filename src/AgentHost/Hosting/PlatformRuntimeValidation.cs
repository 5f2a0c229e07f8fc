using AgentPlatform.AgentHost.Backups;
using AgentPlatform.AgentHost.Health;
using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.AgentHost.Telemetry;
using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Api.Grpc;
using AgentPlatform.Runtime.Dapr;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost;

/// <summary>Checks the host's own settings before anything can resolve a runtime service.</summary>
internal static class PlatformRuntimeValidation
{
    /// <summary>Validates the host's own settings as configured, before the service provider is built, so an unusable
    /// <c>Runtime:Mode</c> fails with its own message instead of a missing-service error, and every problem of every
    /// section is reported at once. <c>ValidateOnStart</c> still checks the options as finally configured.</summary>
    /// <exception cref="OptionsValidationException">One settings section is invalid.</exception>
    /// <exception cref="AggregateException">Several sections are invalid; each inner exception is an <see cref="OptionsValidationException"/>.</exception>
    public static WebApplicationBuilder ValidatePlatformSettings(this WebApplicationBuilder builder)
    {
        var failures = new List<OptionsValidationException>();
        Check(builder.Configuration, PlatformRuntimeOptions.SectionName, new PlatformRuntimeOptionsValidator(), failures);
        Check(builder.Configuration, ApiOptions.SectionName, new ApiOptionsValidator(), failures);
        Check(builder.Configuration, GrpcApiOptions.SectionName, new GrpcApiOptionsValidator(), failures);
        Check(builder.Configuration, TelemetryOptions.SectionName, new TelemetryOptionsValidator(), failures);
        Check(builder.Configuration, HealthOptions.SectionName, new HealthOptionsValidator(), failures);
        Check(builder.Configuration, BackupOptions.SectionName, new BackupOptionsValidator(), failures);
        if (PlatformRuntimeOptions.From(builder.Configuration).IsDapr)
        {
            Check(DaprRuntimeOptions.From(builder.Configuration), new DaprRuntimeOptionsValidator(), failures);
        }

        Check(builder.Configuration, WorkflowEngineOptions.SectionName, new WorkflowEngineOptionsValidator(builder.Configuration), failures);
        return failures.Count switch
        {
            0 => builder,
            1 => throw failures[0],
            _ => throw new AggregateException(failures),
        };
    }

    private static void Check<TOptions>(ConfigurationManager configuration, string section, IValidateOptions<TOptions> validator, List<OptionsValidationException> failures)
        where TOptions : class, new() =>
        Check(configuration.GetSection(section).Get<TOptions>() ?? new TOptions(), validator, failures);

    private static void Check<TOptions>(TOptions options, IValidateOptions<TOptions> validator, List<OptionsValidationException> failures)
        where TOptions : class
    {
        if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
        {
            failures.Add(new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures));
        }
    }
}
