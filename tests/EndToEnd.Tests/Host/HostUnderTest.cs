using AgentPlatform.EndToEnd.Tests.Dapr;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Host;

/// <summary>A real host process on the runtime a test asks for: alone on the embedded runtime, or in Dapr mode behind a
/// daprd double of its own; disposing stops both.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private HostUnderTest(HostProcess host, IAsyncDisposable owner)
    {
        Host = host;
        _owner = owner;
    }

    public HostProcess Host { get; }

    public static async Task<HostUnderTest> StartAsync(
        HostRuntime runtime, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (runtime == HostRuntime.Dapr)
        {
            var replicas = await DaprHostReplicas.StartAsync(1, null, cancellationToken, environment);
            return new HostUnderTest(replicas.Hosts[0], replicas);
        }

        var host = await HostProcess.StartNewAsync(null, environment, cancellationToken);
        return new HostUnderTest(host, host);
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
