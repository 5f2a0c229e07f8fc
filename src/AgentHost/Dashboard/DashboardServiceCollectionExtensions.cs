using AgentPlatform.AgentHost.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the operator dashboard.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Binds <see cref="DashboardOptions"/> (validated on start) and registers the sessions, the reader, the event log
    /// and the live feed (a hosted service that reads only while a page listens); calling it twice is harmless.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DashboardSessions>();
        services.TryAddKeyedSingleton(DashboardOptions.SignInLimiterKey, static (provider, _) =>
            new AddressRateLimiter(provider.GetRequiredService<IOptions<DashboardOptions>>().Value.SignInAttempts));
        services.TryAddSingleton<DashboardReader>();
        services.TryAddSingleton<DashboardEventLog>();
        services.TryAddSingleton<DashboardFeed>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DashboardFeed>(provider => provider.GetRequiredService<DashboardFeed>()));
        return services;
    }
}
