using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Runtime.Embedded;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses and registers the runtime the host runs on.</summary>
public static class PlatformRuntimeServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PlatformRuntimeOptions"/> (validated on start) and registers the embedded runtime
    /// over <c>Runtime:DataDirectory</c>; <c>Runtime:Mode = dapr</c> fails start-up with a clear message.</summary>
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

        return services;
    }
}
