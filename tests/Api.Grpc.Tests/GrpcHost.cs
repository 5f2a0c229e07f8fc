using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>The real host as a child process with its gRPC port on, a channel to it, and an operator HTTP client.</summary>
public sealed class GrpcHost : IAsyncDisposable
{
    public const string OperatorToken = "grpc-tests-operator-token";

    private readonly HttpClient _operator;

    private GrpcHost(HostProcess host, int grpcPort)
    {
        Host = host;
        GrpcPort = grpcPort;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        _operator = host.CreateClient();
        _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
    }

    public HostProcess Host { get; }

    public int GrpcPort { get; }

    public GrpcChannel Channel { get; }

    public static Dictionary<string, string> Settings(int grpcPort) => new()
    {
        ["Grpc__Port"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Api__OperatorToken"] = OperatorToken,
        ["Api__RateLimit__PermitsPerSecond"] = "1000",
        ["Api__RateLimit__Burst"] = "1000",
        ["Inbox__NackBackoff"] = "00:00:00.050",
        ["Inbox__AckTimeout"] = "00:00:03",
        ["Tasks__LeaseDuration"] = "00:01:00",
        ["Tasks__MatchBackoff"] = "00:00:00.100",
        ["Tasks__MaxMatchBackoff"] = "00:00:01",
    };

    public static async Task<GrpcHost> StartAsync(ITestOutputHelper? output, CancellationToken cancellationToken, Action<Dictionary<string, string>>? adjust = null)
    {
        var port = FreePort();
        var settings = Settings(port);
        adjust?.Invoke(settings);
        var host = await HostProcess.StartNewAsync(output, settings, cancellationToken);
        return new GrpcHost(host, port);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Registers an agent over gRPC and returns its id and the call metadata carrying its key.</summary>
    public async Task<(string Id, Metadata Key)> RegisterAsync(string name, CancellationToken cancellationToken, params (string Name, double Level)[] capabilities)
    {
        var request = new RegisterRequest { Name = name, Description = $"{name} (gRPC test)" };
        foreach (var (capability, level) in capabilities)
        {
            request.Capabilities[capability] = level;
        }

        var registered = await new AgentService.AgentServiceClient(Channel).RegisterAsync(request, cancellationToken: cancellationToken);
        return (registered.Agent.Id, new Metadata { { "authorization", $"Bearer {registered.ApiKey}" } });
    }

    /// <summary>Sends an operator request over HTTP and returns the JSON answer (the workflow API has no gRPC form yet).</summary>
    public Task<JsonNode> OperatorAsync(HttpMethod method, string path, string? body, string mediaType, CancellationToken cancellationToken)
        => _operator.SendForJsonAsync(method, path, body, mediaType, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _operator.Dispose();
        Channel.Dispose();
        await Host.DisposeAsync();
    }
}
