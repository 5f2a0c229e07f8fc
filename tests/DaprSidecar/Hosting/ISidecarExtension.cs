
namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>Adds services and endpoints to every sidecar, on both its HTTP and gRPC ports: the place to host a workflow
/// backend such as <c>TaskHubSidecarService</c> (register it in <see cref="ConfigureServices"/> with <c>AddGrpc</c>
/// already called, map it in <see cref="MapEndpoints"/> with <c>MapGrpcService</c>). The API token check applies.</summary>
public interface ISidecarExtension
{
    /// <summary>Registers services in one sidecar's container.</summary>
    void ConfigureServices(IServiceCollection services, SidecarContext context);

    /// <summary>Maps endpoints on one sidecar.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarContext context);
}
