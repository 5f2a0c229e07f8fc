using AgentPlatform.AgentHost.Health;
using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Runtime.Embedded;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the readiness checks of the runtime the host runs on.</summary>
public static class PlatformHealthServiceCollectionExtensions
{
    /// <summary>Binds <see cref="HealthOptions"/> (validated on start) and adds the readiness checks tagged
    /// <see cref="HealthOptions.ReadyTag"/>: in embedded mode <c>sqlite</c>, <c>group-commit</c> (both only with SQLite
    /// storage) and <c>reminders</c>; in Dapr mode <c>dapr-sidecar</c>.</summary>
    public static IServiceCollection AddPlatformHealth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());
        var checks = services.AddHealthChecks();
        string[] ready = [HealthOptions.ReadyTag];
        if (!PlatformRuntimeOptions.From(configuration).IsEmbedded)
        {
            checks.AddCheck<DaprSidecarHealthCheck>(DaprSidecarHealthCheck.Name, tags: ready);
            return services;
        }

        var embedded = configuration.GetSection(EmbeddedRuntimeOptions.SectionName).Get<EmbeddedRuntimeOptions>() ?? new EmbeddedRuntimeOptions();
        if (!embedded.UseInMemoryStorage)
        {
            checks.AddCheck<SqliteWritableHealthCheck>(SqliteWritableHealthCheck.Name, tags: ready);
            checks.AddCheck<GroupCommitHealthCheck>(GroupCommitHealthCheck.Name, tags: ready);
        }

        checks.AddCheck<ReminderLoopHealthCheck>(ReminderLoopHealthCheck.Name, tags: ready);
        return services;
    }
}
