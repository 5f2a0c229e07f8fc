using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.Runtime.Dapr.State;
using AgentPlatform.Runtime.State;
using AgentPlatform.Runtime.Tests.State;
using AgentPlatform.Runtime.Tests.Support;
using AgentPlatform.TestKit;
using Dapr.Client;

namespace AgentPlatform.Runtime.Dapr.Tests.Contracts;

/// <summary>The state store contract on <see cref="DaprClient"/> and the daprd double, whose clock is the test's.</summary>
public sealed class DaprStateStoreContractTests : StateStoreContractTests, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<IAsyncDisposable> _started = [];

    protected override IStateStore CreateStore(TimeProvider time)
    {
        var options = new DaprTestClusterOptions { DataDirectory = _directory.Path, TimeProvider = time };
        options.AppPorts.Add(1);
        var cluster = DaprTestCluster.StartAsync(options, TestTimeout.After(30)).GetAwaiter().GetResult();
        _started.Add(cluster);
        var client = new DaprClientBuilder()
            .UseGrpcEndpoint(cluster.Sidecars[0].GrpcEndpoint.ToString())
            .UseHttpEndpoint(cluster.Sidecars[0].HttpEndpoint.ToString())
            .Build();
        _started.Add(new ClientLifetime(client));
        return new DaprStateStore(client, DaprNames.Components.StateStore);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        _directory.Dispose();
    }

    private sealed class ClientLifetime(DaprClient client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
