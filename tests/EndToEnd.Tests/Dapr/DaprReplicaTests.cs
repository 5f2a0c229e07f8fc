using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>Two host processes in Dapr mode behind one daprd double: whatever one replica changes, the other sees at once.</summary>
public sealed class DaprReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private DaprHostReplicas _replicas = null!;

    private HostProcess A => _replicas.Hosts[0];

    private HostProcess B => _replicas.Hosts[1];

    public async Task InitializeAsync() => _replicas = await DaprHostReplicas.StartAsync(2, output, TestTimeout.After(120));

    public async Task DisposeAsync() => await _replicas.DisposeAsync();

    [Fact]
    public async Task A_post_on_replica_A_wakes_a_long_poll_on_replica_B()
    {
        var timeout = TestTimeout.After(60);
        using var alice = await ApiAgent.RegisterAsync(A, "alice", timeout);
        using var bobOnA = await ApiAgent.RegisterAsync(A, "bob", timeout);
        using var bobOnB = bobOnA.OnReplica(B);
        var channel = await alice.CreateChannelAsync("replicas", timeout);
        await bobOnB.JoinAsync(channel, timeout);
        await bobOnB.DrainInboxAsync(timeout);

        var waited = Stopwatch.StartNew();
        var longPoll = bobOnB.ReadInboxAsync(20, timeout);
        await Task.Delay(500, timeout);
        Assert.False(longPoll.IsCompleted, "the long-poll returned before anything was posted");
        var post = await alice.PostAsync(channel, "across replicas", timeout);
        var posted = Stopwatch.StartNew();
        var deliveries = await longPoll;
        output.WriteLine($"the long-poll on B returned {posted.ElapsedMilliseconds} ms after the post on A was acknowledged");

        var delivery = Assert.Single(deliveries);
        Assert.Equal(post["id"]!.GetValue<string>(), delivery!["message"]!["id"]!.GetValue<string>());
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"the long-poll on B took {waited.Elapsed}: it was not woken by the post on A");
    }

    [Fact]
    public async Task A_direct_message_sent_through_replica_A_reaches_an_inbox_stream_on_replica_B()
    {
        var timeout = TestTimeout.After(60);
        using var alice = await ApiAgent.RegisterAsync(A, "alice", timeout);
        using var bobOnA = await ApiAgent.RegisterAsync(A, "bob", timeout);
        using var bobOnB = bobOnA.OnReplica(B);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/agents/me/inbox/stream", UriKind.Relative));
        using var response = await bobOnB.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout);
        using var reader = new StreamReader(body);

        using var sent = await alice.SendAsync(HttpMethod.Post, $"agents/{bobOnA.Id}/messages", new { content = "streamed across" }, timeout);
        await ApiAgent.ReadJsonAsync(sent, HttpStatusCode.Created, timeout);
        var posted = Stopwatch.StartNew();
        string? data = null;
        while (data is null && await reader.ReadLineAsync(timeout) is { } line)
        {
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null;
        }

        output.WriteLine($"the stream on B delivered {posted.ElapsedMilliseconds} ms after the message was stored through A");
        Assert.Equal("streamed across", JsonNode.Parse(data!)!["message"]!["content"]!.GetValue<string>());
        Assert.True(posted.Elapsed < TimeSpan.FromSeconds(10), $"the stream on B took {posted.Elapsed}: it was not woken by the message sent through A");
    }

    [Fact]
    public async Task A_key_rotated_on_replica_A_stops_working_on_replica_B()
    {
        var timeout = TestTimeout.After(60);
        using var agentOnA = await ApiAgent.RegisterAsync(A, "rotating", timeout);
        using var agentOnB = agentOnA.OnReplica(B);
        Assert.Equal(HttpStatusCode.OK, await StatusOfMeAsync(agentOnB, timeout));

        using var rotation = await agentOnA.SendAsync(HttpMethod.Post, "agents/me/keys/rotate", null, timeout);
        var newKey = (await ApiAgent.ReadJsonAsync(rotation, HttpStatusCode.OK, timeout))["api_key"]!.GetValue<string>();
        var rotatedAt = Stopwatch.StartNew();
        var status = await StatusOfMeAsync(agentOnB, timeout);
        while (status == HttpStatusCode.OK && rotatedAt.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, timeout);
            status = await StatusOfMeAsync(agentOnB, timeout);
        }

        output.WriteLine($"old key refused on B {rotatedAt.ElapsedMilliseconds} ms after the rotation on A returned");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        agentOnB.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", newKey);
        Assert.Equal(HttpStatusCode.OK, await StatusOfMeAsync(agentOnB, timeout));
    }

    [Fact]
    public async Task A_sidecar_callback_without_the_app_token_is_refused_and_health_stays_open()
    {
        var timeout = TestTimeout.After(30);
        using var client = A.CreateClient();

        using var config = await client.GetAsync(new Uri("dapr/config", UriKind.Relative), timeout);
        using var health = await client.GetAsync(new Uri("healthz", UriKind.Relative), timeout);

        Assert.Equal(HttpStatusCode.Unauthorized, config.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Readiness_includes_the_dapr_sidecar_check_and_is_ready_once_the_sidecar_reached_the_app()
    {
        var timeout = TestTimeout.After(30);
        using var client = B.CreateClient();

        using var ready = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative), timeout);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync(timeout))!.ToJsonString();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("dapr-sidecar", body, StringComparison.Ordinal);
    }


    private static async Task<HttpStatusCode> StatusOfMeAsync(ApiAgent agent, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(HttpMethod.Get, "agents/me", null, cancellationToken);
        return response.StatusCode;
    }
}
