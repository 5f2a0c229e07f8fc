using System.Net;
using System.Net.Sockets;
using AgentPlatform.AgentHost.Health;
using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Health;

public sealed class DaprSidecarHealthCheckTests
{
    [Fact]
    public async Task A_sidecar_nobody_listens_for_is_reported_unreachable()
    {
        using var dapr = new DaprClientBuilder().UseHttpEndpoint($"http://127.0.0.1:{ClosedPort()}").Build();
        var check = new DaprSidecarHealthCheck(dapr, Options.Create(new HealthOptions()));

        var result = await check.CheckHealthAsync(new HealthCheckContext(), TestKit.TestTimeout.After(30));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("The Dapr sidecar is unreachable.", result.Description);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
