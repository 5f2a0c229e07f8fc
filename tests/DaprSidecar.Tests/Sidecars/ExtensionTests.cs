using System.Net;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.DaprSidecar.Tests.Sidecars;

/// <summary>An <see cref="ISidecarExtension"/> adds services and endpoints to every sidecar, behind the API token.</summary>
public sealed class ExtensionTests
{
    [Fact]
    public async Task Every_sidecar_hosts_the_extension_with_its_own_context_behind_the_api_token()
    {
        var token = TestTimeout.After();
        using var data = new TempDirectory();
        var options = new DaprTestClusterOptions { DataDirectory = data.Path, ApiToken = "t" };
        foreach (var port in FreePorts.Take(2))
        {
            options.AppPorts.Add(port);
        }

        options.Extensions.Add(new WhoAmI());
        await using var cluster = await DaprTestCluster.StartAsync(options, token);

        foreach (var sidecar in cluster.Sidecars)
        {
            using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/whoami", token)).StatusCode);
            http.DefaultRequestHeaders.Add("dapr-api-token", "t");
            Assert.Equal($"agent-platform/{sidecar.Replica}/{sidecar.AppPort}", await http.GetStringAsync("/whoami", token));
        }
    }

    private sealed class WhoAmI : ISidecarExtension
    {
        public void ConfigureServices(IServiceCollection services, SidecarContext context) => services.AddSingleton(context);

        public void MapEndpoints(IEndpointRouteBuilder endpoints, SidecarContext context) =>
            endpoints.MapGet("/whoami", (SidecarContext own) => Results.Text($"{own.AppId}/{own.Replica}/{own.AppPort}"));
    }
}
