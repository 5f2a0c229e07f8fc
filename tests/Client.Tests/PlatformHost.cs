using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Client.Tests;

/// <summary>The real host as a child process with its gRPC port on, clients acting as agents, and the operator's HTTP API.</summary>
public sealed class PlatformHost : IAsyncDisposable
{
    public const string OperatorToken = "client-tests-operator-token";

    private readonly HttpClient _operator;

    private PlatformHost(HostProcess host, int grpcPort)
    {
        Process = host;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        _operator = host.CreateClient();
        _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
    }

    public HostProcess Process { get; }

    public Uri GrpcAddress { get; }

    public static async Task<PlatformHost> StartAsync(ITestOutputHelper? output, CancellationToken cancellationToken)
    {
        var port = HostProcess.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["Grpc__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Api__OperatorToken"] = OperatorToken,
            ["Api__RateLimit__PermitsPerSecond"] = "1000",
            ["Api__RateLimit__Burst"] = "1000",
            ["Channels__PostCooldown"] = "00:00:00",
            ["Inbox__NackBackoff"] = "00:00:00.050",
            ["Inbox__AckTimeout"] = "00:00:02",
            ["Tasks__MatchBackoff"] = "00:00:00.100",
            ["Tasks__MaxMatchBackoff"] = "00:00:01",
        };
        var host = await HostProcess.StartNewAsync(output, settings, cancellationToken);
        return new PlatformHost(host, port);
    }

    /// <summary>Registers an agent and returns a client acting as it.</summary>
    public async Task<(AgentPlatformClient Client, string Id)> RegisterAsync(string name, CancellationToken cancellationToken, params (string Name, double Level)[] capabilities)
    {
        var client = AgentPlatformClient.Create(GrpcAddress);
        var request = new RegisterRequest { Name = name, Description = $"{name} (client test)" };
        foreach (var (capability, level) in capabilities)
        {
            request.Capabilities[capability] = level;
        }

        var registered = await client.RegisterAsync(request, cancellationToken);
        return (client, registered.Agent.Id);
    }

    /// <summary>Sends an operator request over HTTP and returns the JSON answer.</summary>
    public Task<JsonNode> OperatorAsync(HttpMethod method, string path, string? body, string mediaType, CancellationToken cancellationToken)
        => _operator.SendForJsonAsync(method, path, body, mediaType, cancellationToken);

    /// <summary>Adds a one-step workflow whose <c>agent_task</c> goes to <paramref name="agentId"/>, starts an instance with
    /// <paramref name="inputJson"/> (its <c>text</c> becomes the task's) and waits until it ends; answers the instance view.</summary>
    public async Task<JsonNode> RunAgentTaskAsync(string workflowId, string agentId, string inputJson, CancellationToken cancellationToken)
    {
        var definition = $$"""
            id: {{workflowId}}
            steps:
              - id: work
                kind: agent_task
                agent: "{{agentId}}"
                input: { text: "${input.text}" }
            """;
        await OperatorAsync(HttpMethod.Post, "api/v1/workflows/definitions", definition, "application/yaml", cancellationToken);
        await OperatorAsync(HttpMethod.Post, "api/v1/workflows/instances",
            $$"""{ "definition_id": "{{workflowId}}", "instance_id": "{{workflowId}}-1", "input": {{inputJson}} }""", "application/json", cancellationToken);
        JsonNode state;
        do
        {
            state = await OperatorAsync(HttpMethod.Get, $"api/v1/workflows/instances/{workflowId}-1?wait=30", null, "application/json", cancellationToken);
        }
        while (state["status"]!.GetValue<string>() is "running" or "pending");

        return state;
    }

    public async ValueTask DisposeAsync()
    {
        _operator.Dispose();
        await Process.DisposeAsync();
    }
}
