using AgentPlatform.DaprSidecar.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Hosts the workflow backend in an ASP.NET Core app that serves gRPC over h2c.</summary>
public static class WorkflowBackendExtensions
{
    /// <summary>Registers the backend, its timer loop and gRPC.</summary>
    public static IServiceCollection AddDaprWorkflowBackend(this IServiceCollection services, Action<WorkflowBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc();
        services.AddOptions<WorkflowBackendOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkflowBackend>();
        services.AddHostedService<WorkflowBackendTimers>();
        return services;
    }

    /// <summary>Registers one backend shared by several sidecars (replicas of one app in a test cluster), so every
    /// worker of the app reads the same instances and queues; the caller owns and disposes <paramref name="shared"/>.</summary>
    public static IServiceCollection AddDaprWorkflowBackend(this IServiceCollection services, WorkflowBackend shared)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(shared);
        services.AddSingleton(shared);
        return services.AddDaprWorkflowBackend();
    }

    /// <summary>Maps <c>TaskHubSidecarService</c>.</summary>
    public static IEndpointRouteBuilder MapDaprWorkflowBackend(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<TaskHubSidecarService>();
        return endpoints;
    }
}
