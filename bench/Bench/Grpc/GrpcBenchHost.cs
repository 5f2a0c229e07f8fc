using System.Globalization;
using AgentPlatform.Bench.Http;
using AgentPlatform.Client;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;

namespace AgentPlatform.Bench.Grpc;

/// <summary>The bench host with its gRPC port on, and agents registered over gRPC through the .NET client.</summary>
internal sealed class GrpcBenchHost : IAsyncDisposable
{
    private GrpcBenchHost(BenchHost host, Uri grpcAddress)
    {
        Host = host;
        GrpcAddress = grpcAddress;
    }

    public BenchHost Host { get; }

    public Uri GrpcAddress { get; }

    public static async Task<GrpcBenchHost> StartAsync(CancellationToken cancellationToken)
    {
        var port = HostProcess.FreePort();
        var host = await BenchHost.StartAsync(
            new Dictionary<string, string> { ["Grpc__Port"] = port.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
        return new GrpcBenchHost(host, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Registers an agent and returns a client acting as it (each with its own HTTP/2 connection).</summary>
    public async Task<(AgentPlatformClient Client, string Id)> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        var client = AgentPlatformClient.Create(GrpcAddress);
        var registered = await client.RegisterAsync(new RegisterRequest { Name = name }, cancellationToken);
        return (client, registered.Agent.Id);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
