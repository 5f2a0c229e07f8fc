using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>An agent registered on a running host, calling the channel and inbox API over real HTTP with its own key.</summary>
internal sealed class ApiAgent : IDisposable
{
    private readonly HttpClient _client;

    private ApiAgent(HttpClient client, string id, string name, string key)
    {
        _client = client;
        Id = id;
        Name = name;
        Key = key;
    }

    public string Id { get; }

    public string Name { get; }

    public string Key { get; }

    public HttpClient Client => _client;

    public static async Task<ApiAgent> RegisterAsync(HostProcess host, string prefix, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        var name = $"{prefix}-{Guid.NewGuid():N}"[..32];
        using var response = await client.PostAsJsonAsync(new Uri("api/v1/agents", UriKind.Relative), new { name }, cancellationToken);
        return FromRegistration(host, await ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken));
    }

    /// <summary>The agent described by a <c>201</c> answer of <c>POST /api/v1/agents</c>, with a client of its own.</summary>
    public static ApiAgent FromRegistration(HostProcess host, JsonObject registered)
    {
        var client = host.CreateClient();
        var key = registered["api_key"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var agent = registered["agent"]!;
        return new ApiAgent(client, agent["id"]!.GetValue<string>(), agent["name"]!.GetValue<string>(), key);
    }

    /// <summary>The same agent, with the same key, talking to another replica of the host.</summary>
    public ApiAgent OnReplica(HostProcess host) => FromRegistration(host, new JsonObject
    {
        ["api_key"] = Key,
        ["agent"] = new JsonObject { ["id"] = Id, ["name"] = Name },
    });

    public static string NewChannelId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    public async Task<string> CreateChannelAsync(string prefix, CancellationToken cancellationToken)
    {
        var id = NewChannelId(prefix);
        using var response = await SendAsync(HttpMethod.Post, "channels", new { id, name = prefix }, cancellationToken);
        await ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
        return id;
    }

    public async Task JoinAsync(string channel, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channel}/members", null, cancellationToken);
        await ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    public async Task<JsonObject> PostAsync(string channel, string content, CancellationToken cancellationToken, string priority = "normal")
    {
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channel}/messages", new { content, priority }, cancellationToken);
        return await ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    public async Task<JsonArray> ReadInboxAsync(double waitSeconds, CancellationToken cancellationToken, int limit = 100)
    {
        using var response = await SendAsync(HttpMethod.Get, FormattableString.Invariant($"agents/me/inbox?wait={waitSeconds}&limit={limit}"), null, cancellationToken);
        return (await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken))["deliveries"]!.AsArray();
    }

    public async Task<int> AcknowledgeAsync(IEnumerable<string> deliveryIds, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "agents/me/inbox/ack", new { delivery_ids = deliveryIds.ToArray() }, cancellationToken);
        return (await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken))["acknowledged"]!.GetValue<int>();
    }

    /// <summary>Reads the inbox until it is empty and acknowledges everything, so a test starts from a clean inbox.</summary>
    public async Task DrainInboxAsync(CancellationToken cancellationToken)
    {
        while (await ReadInboxAsync(0, cancellationToken) is { Count: > 0 } deliveries)
        {
            await AcknowledgeAsync(deliveries.Select(d => d!["delivery_id"]!.GetValue<string>()), cancellationToken);
        }
    }

    public async Task<JsonObject> ReadLogAsync(string channel, long after, int limit, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"channels/{channel}/messages?after={after}&limit={limit}", null, cancellationToken);
        return await ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Reads the whole log by cursor, page by page.</summary>
    public async Task<List<JsonNode>> ReadWholeLogAsync(string channel, CancellationToken cancellationToken)
    {
        var messages = new List<JsonNode>();
        long cursor = 0;
        while (true)
        {
            var page = await ReadLogAsync(channel, cursor, 200, cancellationToken);
            var batch = page["messages"]!.AsArray();
            if (batch.Count == 0)
            {
                return messages;
            }

            messages.AddRange(batch.Select(m => m!));
            cursor = long.Parse(page["next_cursor"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri("api/v1/" + path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return _client.SendAsync(request, cancellationToken);
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public void Dispose() => _client.Dispose();
}
