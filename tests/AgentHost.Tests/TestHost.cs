using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.AgentHost.Tests;

/// <summary>The real host (Kestrel on 127.0.0.1, port 0, SQLite in a temp directory) started in process.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string OperatorToken = "operator-token-for-tests-0123456789";

    private readonly bool _ownsDirectory;

    private TestHost(WebApplication app, string dataDirectory, Uri baseAddress, bool ownsDirectory)
    {
        _ownsDirectory = ownsDirectory;
        App = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null, string? dataDirectory = null)
    {
        var ownsDirectory = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "agent-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var all = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Runtime:DataDirectory"] = dataDirectory,
            ["Api:OperatorToken"] = OperatorToken,
            ["Api:RateLimit:PermitsPerSecond"] = "100000",
            ["Api:RateLimit:Burst"] = "100000",
            ["Api:RegistrationRateLimit:PermitsPerSecond"] = "100000",
            ["Api:RegistrationRateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = Program.Build([.. all.Select(p => $"--{p.Key}={p.Value}")], configure);
        await app.StartAsync(TestKit.TestTimeout.After(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, dataDirectory, new Uri(address.TrimEnd('/') + "/"), ownsDirectory);
    }

    public async Task<(string Id, string Key)> RegisterAsync(string name, string? capabilities = null)
    {
        var body = capabilities is null ? $$"""{"name":"{{name}}"}""" : $$"""{"name":"{{name}}","capabilities":{{capabilities}}}""";
        using var response = await SendAsync(HttpMethod.Post, "api/v1/agents", null, body);
        var json = await ReadJsonAsync(response);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration of {name} failed: {(int)response.StatusCode} {json}");
        }

        return (json["agent"]!["id"]!.GetValue<string>(), json["api_key"]!.GetValue<string>());
    }

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? bearer, string? body = null, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return await Client.SendAsync(request, TestKit.TestTimeout.After(30));
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    /// <summary>Every stored profile and presence, as seen by the operator, for "nothing changed" assertions.</summary>
    public async Task<string> SnapshotAsync()
    {
        var all = new List<JsonNode>();
        string? after = null;
        do
        {
            using var response = await SendAsync(HttpMethod.Get, after is null ? "api/v1/agents?limit=200" : $"api/v1/agents?limit=200&after={after}", OperatorToken);
            var page = await ReadJsonAsync(response);
            all.AddRange(page["agents"]!.AsArray().Select(a => a!.DeepClone()));
            after = page["next_cursor"]?.GetValue<string>();
        }
        while (after is not null);

        return JsonSerializer.Serialize(all);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(TestKit.TestTimeout.After(30));
        await App.DisposeAsync();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
