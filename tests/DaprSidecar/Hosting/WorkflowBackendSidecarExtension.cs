using AgentPlatform.DaprSidecar.Workflows;
using Microsoft.Extensions.Options;

namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>Hosts one workflow backend, shared by every sidecar of the test cluster, beside the daprd double's APIs.</summary>
public sealed class WorkflowBackendSidecarExtension(string databasePath) : ISidecarExtension, IDisposable
{
    private readonly WorkflowBackend _backend = new(Options.Create(new WorkflowBackendOptions { DatabasePath = databasePath }), TimeProvider.System);

    public void ConfigureServices(IServiceCollection services, SidecarContext context) => services.AddDaprWorkflowBackend(_backend);

    public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarContext context) => endpoints.MapDaprWorkflowBackend();

    public void Dispose() => _backend.Dispose();
}
