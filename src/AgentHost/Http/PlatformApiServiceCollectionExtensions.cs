using AgentPlatform.AgentHost.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP API plumbing: options, JSON settings, authentication helpers, rate limiting.</summary>
public static class PlatformApiServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ApiOptions"/> (validated on start), sets snake_case JSON and registers
    /// <see cref="OperatorToken"/>, the per-key <see cref="KeyRateLimiter"/>, the per-address <see cref="RegistrationRateLimiter"/> and the <see cref="InboxConnectionLimiter"/>
    /// (<see cref="InboxConnectionOptions"/>, validated on start).</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OperatorToken>();
        services.TryAddSingleton<KeyRateLimiter>();
        services.TryAddSingleton<AgentKeyCheck>();
        services.TryAddSingleton<RegistrationRateLimiter>();
        services.AddOptions<InboxConnectionOptions>().Bind(configuration.GetSection(InboxConnectionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InboxConnectionOptions>, InboxConnectionOptionsValidator>());
        services.TryAddSingleton<InboxConnectionLimiter>();
        services.TryAddSingleton<LivenessEvidence>();
        services.ConfigureHttpJsonOptions(o => ApiJson.ConfigureResponses(o.SerializerOptions));
        services.AddProblemDetails();

        // A parameter that fails to bind (?wait=soon) throws, so the error middleware can name it; by default the framework answers
        // a bare 400 that says nothing about which parameter was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
