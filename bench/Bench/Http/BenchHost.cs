using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.Bench.Telemetry;
using AgentPlatform.TestKit;

namespace AgentPlatform.Bench.Http;

/// <summary>The Release build of the host started as a child process on a free loopback port (through
/// <see cref="HostProcess"/>), with rate limits lifted and a client sized for load generation.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string OperatorToken = "bench-operator-token-0123456789";

    private readonly HostProcess _process;

    private BenchHost(HostProcess process)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress => _process.BaseAddress;

    public HttpClient Client { get; }

    /// <summary>The host process's CPU time so far (all threads).</summary>
    public TimeSpan ProcessorTime => _process.ProcessorTime;

    public static async Task<BenchHost> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["Api__OperatorToken"] = OperatorToken,
            ["Api__RateLimit__PermitsPerSecond"] = "1000000000",
            ["Api__RateLimit__Burst"] = "1000000000",
            ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000000000",
            ["Api__RegistrationRateLimit__Burst"] = "1000000000",
            ["Logging__LogLevel__Default"] = "Warning",

            // As deployed: the tests' host runs in Development (developer exception page, scope validation), a measured one does not.
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in BenchTelemetry.HostEnvironment.Concat(environment ?? new Dictionary<string, string>()))
        {
            settings[name] = value;
        }

        return new BenchHost(await HostProcess.StartNewAsync(environment: settings, cancellationToken: cancellationToken));
    }

    /// <summary>The host's JIT compilation time so far, in seconds, from its <c>/metrics</c> (the .NET runtime's meter).</summary>
    public async Task<double> JitSecondsAsync(CancellationToken cancellationToken)
    {
        var text = await Client.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("dotnet_jit_compilation_time_seconds_total", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The host's /metrics has no dotnet_jit_compilation_time_seconds_total.");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Loads the host with <paramref name="loadFor"/> until its JIT has settled (<see cref="BenchWarmUp.UntilSettledAsync"/>).</summary>
    public Task<TimeSpan> WarmUpAsync(Func<TimeSpan, Task> loadFor, CancellationToken cancellationToken) =>
        BenchWarmUp.UntilSettledAsync(JitSecondsAsync, loadFor, cancellationToken);

    /// <summary>Registers an agent and returns its id and API key.</summary>
    public async Task<(string Id, string Key)> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        using var content = new StringContent($$$"""{"name":"{{{name}}}","capabilities":{"bench":0.5}}""", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("api/v1/agents", UriKind.Relative), content, cancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {json}");
        }

        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    /// <summary>Sends one request with an optional bearer and JSON body and returns the JSON answer (an empty object for none);
    /// a status other than 2xx throws with the answer.</summary>
    public async Task<JsonNode> SendJsonAsync(HttpMethod method, string path, string? bearer, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Long-polls workflow instance <paramref name="id"/> as the operator until it is neither pending nor running; answers
    /// its status then.</summary>
    public async Task<string> WaitEndedAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await SendJsonAsync(HttpMethod.Get, $"api/v1/workflows/instances/{id}?wait=30", OperatorToken, null, cancellationToken);
            if (answer["status"]!.GetValue<string>() is not ("running" or "pending") and var status)
            {
                return status;
            }
        }
    }

    /// <summary>Sends one authenticated request and returns its status.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
