using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Runtime.Dapr;
using AgentPlatform.Runtime.Embedded;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses and registers the runtime the host runs on.</summary>
public static class PlatformRuntimeServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PlatformRuntimeOptions"/> (validated on start) and registers the embedded runtime over
    /// <c>Runtime:DataDirectory</c> or, with <c>Runtime:Mode = dapr</c>, the Dapr runtime on the sidecar named by the
    /// <c>Dapr</c> section and the Dapr variables (<see cref="DaprRuntimeOptions.From"/>).</summary>
    public static IServiceCollection AddPlatformRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlatformRuntimeOptions>().Bind(configuration.GetSection(PlatformRuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformRuntimeOptions>, PlatformRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        var options = PlatformRuntimeOptions.From(configuration);
        if (options.IsEmbedded)
        {
            var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataDirectory) ? "data" : options.DataDirectory);
            services.AddOptions<EmbeddedRuntimeOptions>().Bind(configuration.GetSection(EmbeddedRuntimeOptions.SectionName));
            services.AddEmbeddedRuntime(o => o.DataDirectory = dataDirectory);
            services.AddHostedService<EmbeddedRuntimeStarter>();
        }
        else if (options.IsDapr)
        {
            var dapr = DaprRuntimeOptions.From(configuration);
            services.AddDaprRuntime(dapr);
            services.AddReplicaBroadcasts();
            if (dapr.OperatorTokenSecret is { Length: > 0 } secret)
            {
                services.AddOperatorTokenFromSecretStore(secret);
            }
        }

        return services;
    }
}
