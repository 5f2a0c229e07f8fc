using AgentPlatform.Runtime.Dapr.Tests.Support;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Runtime.Tests.PubSub;
using AgentPlatform.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Runtime.Dapr.Tests.Contracts;

/// <summary>The pub/sub contract on <c>DaprClient.PublishEventAsync</c>, the app's declared subscriptions and the daprd double.</summary>
public sealed class DaprPubSubContractTests : PubSubContractTests, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Topics = new(StringComparer.Ordinal)
    {
        ["orders"] = null,
        ["invoices"] = null,
        ["t"] = "t-dead",
        ["t-dead"] = null,
    };

    private readonly TempDirectory _directory = new();
    private readonly List<DaprAppReplicas> _started = [];

    protected override IPubSub CreatePubSub()
    {
        var replicas = DaprAppReplicas.StartAsync(_directory.Path, [], topics: Topics).GetAwaiter().GetResult();
        _started.Add(replicas);
        return replicas.Services().GetRequiredService<IPubSub>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var replicas in _started)
        {
            await replicas.DisposeAsync();
        }

        _directory.Dispose();
    }
}
