using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentPlatform.Bench.Http;

/// <summary>The Release build of the host started as a child process on a free loopback port, with rate limits lifted.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string OperatorToken = "bench-operator-token-0123456789";

    private readonly Process _process;
    private readonly string _dataDirectory;

    private BenchHost(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<BenchHost> StartAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "AgentHost", "bin", "Release", "net10.0", "AgentPlatform.AgentHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the host first: dotnet build -c Release src/AgentHost ({dll} is missing).");
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "agent-platform-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDirectory };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Runtime__DataDirectory"] = dataDirectory;
        start.Environment["Api__OperatorToken"] = OperatorToken;
        start.Environment["Api__RateLimit__PermitsPerSecond"] = "1000000000";
        start.Environment["Api__RateLimit__Burst"] = "1000000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[host] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new BenchHost(process, dataDirectory, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var response = await host.Client.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        await host.DisposeAsync();
        throw new TimeoutException("The host did not answer /healthz within 60 s.");
    }

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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
