using AgentPlatform.AgentHost.Backups;
using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers scheduled SQLite backups in embedded mode.</summary>
public static class BackupServiceCollectionExtensions
{
    /// <summary>Binds <see cref="BackupOptions"/> (validated on start) and registers the <see cref="BackupCatalog"/> of
    /// <c>Runtime:DataDirectory</c> and the scheduler; nothing is scheduled in Dapr mode (the state store backs up).</summary>
    public static IServiceCollection AddPlatformBackups(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>());
        services.TryAddSingleton(sp => new BackupCatalog(
            sp.GetRequiredService<IOptions<PlatformRuntimeOptions>>().Value.DataDirectory,
            sp.GetRequiredService<IOptions<BackupOptions>>().Value.Directory));
        if (PlatformRuntimeOptions.From(configuration).IsEmbedded
            && !configuration.GetValue<bool>("Runtime:Embedded:UseInMemoryStorage"))
        {
            services.AddHostedService<BackupScheduler>();
        }

        return services;
    }
}
