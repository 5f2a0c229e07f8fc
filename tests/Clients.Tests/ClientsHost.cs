using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;

namespace AgentPlatform.Clients.Tests;

/// <summary>One real host with its gRPC port on, shared by every test of the project, with the operator's workflow calls
/// over HTTP; the client stubs are generated and the Node.js packages checked once.</summary>
public sealed class ClientsHost : IAsyncLifetime
{
    private const string OperatorToken = "clients-tests-operator-token";

    private HostProcess? _host;
    private HttpClient? _operator;

    /// <summary>The h2c address the clients dial, <c>127.0.0.1:port</c>.</summary>
    public string GrpcTarget { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (ClientPrerequisites.SkipReason is not null)
        {
            return;
        }

        var timeout = TestTimeout.After(150);
        await ClientPrerequisites.EnsureAsync(timeout);
        await ClientProcess.GeneratePythonStubsAsync(timeout);
        var grpcPort = FreePort();
        _host = await HostProcess.StartNewAsync(
            null,
            new Dictionary<string, string>
            {
                ["Grpc__Port"] = grpcPort.ToString(CultureInfo.InvariantCulture),
                ["Api__OperatorToken"] = OperatorToken,
                ["Api__RateLimit__PermitsPerSecond"] = "1000",
                ["Api__RateLimit__Burst"] = "1000",
                ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000",
                ["Api__RegistrationRateLimit__Burst"] = "1000",
                ["Channels__PostCooldown"] = "00:00:01",
                ["Inbox__AckTimeout"] = "00:00:02",
                ["Inbox__NackBackoff"] = "00:00:00.050",
                ["Tasks__MatchBackoff"] = "00:00:00.100",
                ["Tasks__MaxMatchBackoff"] = "00:00:01",
            },
            timeout);
        GrpcTarget = $"127.0.0.1:{grpcPort}";
        _operator = _host.CreateClient();
        _operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
    }

    /// <summary>Registers a workflow definition given as YAML.</summary>
    public async Task RegisterDefinitionAsync(string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await Operator.PostAsync(new Uri("api/v1/workflows/definitions", UriKind.Relative), content, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    /// <summary>Starts an instance of a definition.</summary>
    public async Task StartWorkflowAsync(string definitionId, string instanceId, object input, CancellationToken cancellationToken)
    {
        using var response = await Operator.PostAsJsonAsync(
            new Uri("api/v1/workflows/instances", UriKind.Relative), new { definition_id = definitionId, instance_id = instanceId, input }, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    /// <summary>Long-polls the instance until it is neither pending nor running and returns its state.</summary>
    public async Task<JsonObject> WaitForWorkflowAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await Operator.GetAsync(new Uri($"api/v1/workflows/instances/{instanceId}?wait=30", UriKind.Relative), cancellationToken);
            var state = await ReadAsync(response, cancellationToken);
            if (state["status"]!.GetValue<string>() is not ("running" or "pending"))
            {
                return state;
            }
        }
    }

    public async Task DisposeAsync()
    {
        _operator?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private HttpClient Operator => _operator ?? throw new InvalidOperationException("The host has not started.");

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
