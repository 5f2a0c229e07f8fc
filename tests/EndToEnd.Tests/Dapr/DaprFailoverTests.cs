using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>Host processes in Dapr mode that die hard: actors move with their state and reminders, and nothing a replica
/// acknowledged is lost.</summary>
public sealed class DaprFailoverTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> FastLiveness = new()
    {
        ["Agents__Liveness__HeartbeatInterval"] = "00:00:01",
        ["Agents__Liveness__MissedHeartbeatsBeforeOffline"] = "2",
        ["Agents__Liveness__RequestsCountAsHeartbeats"] = "false",
    };

    [Fact]
    public async Task A_presence_actor_moves_to_the_other_replica_when_its_replica_is_killed_with_its_state_and_reminder()
    {
        var timeout = TestTimeout.After(120);
        await using var replicas = await DaprHostReplicas.StartAsync(2, output, timeout, FastLiveness);
        using var agent = await ApiAgent.RegisterAsync(replicas.Hosts[0], "mover", timeout);
        using var heartbeat = await agent.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, timeout);
        var beat = await ApiAgent.ReadJsonAsync(heartbeat, HttpStatusCode.OK, timeout);
        var home = replicas.Cluster.HostOf("agent-presence", agent.Id);
        Assert.NotNull(home);
        var survivor = replicas.Hosts[1 - home.Value];

        await replicas.Hosts[home.Value].KillAsync();
        var after = await OperatorViewAsync(survivor, agent.Id, timeout);
        while (after["status"]!.GetValue<string>() != "offline")
        {
            await Task.Delay(100, timeout);
            after = await OperatorViewAsync(survivor, agent.Id, timeout);
        }

        Assert.Equal(beat["last_heartbeat"]!.GetValue<DateTimeOffset>(), after["last_heartbeat"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1 - home.Value, replicas.Cluster.HostOf("agent-presence", agent.Id));
    }

    [Fact]
    public async Task Killing_the_host_mid_traffic_loses_no_acknowledged_post()
    {
        var timeout = TestTimeout.After(120);
        await using var replicas = await DaprHostReplicas.StartAsync(1, output, timeout, new Dictionary<string, string>
        {
            ["Channels__PostCooldown"] = "00:00:00",
            ["Api__RateLimit__PermitsPerSecond"] = "100000",
            ["Api__RateLimit__Burst"] = "100000",
        });
        var host = replicas.Hosts[0];
        using var poster = await ApiAgent.RegisterAsync(host, "poster", timeout);
        var channel = await poster.CreateChannelAsync("crash", timeout);
        var acknowledged = new List<string>();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    using var response = await poster.SendAsync(HttpMethod.Post, $"channels/{channel}/messages", new { content = $"m{i}" }, timeout);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        output.WriteLine($"post m{i} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout)}");
                        return;
                    }

                    lock (acknowledged)
                    {
                        acknowledged.Add($"m{i}");
                    }
                }
                catch (HttpRequestException)
                {
                    // The host was killed under this post: it was never acknowledged.
                    return;
                }
            }
        }, timeout);
        while (!traffic.IsCompleted && Count(acknowledged) < 20)
        {
            await Task.Delay(10, timeout);
        }

        Assert.False(traffic.IsCompleted, "the posts stopped before the kill");
        await host.KillAsync();
        await traffic;
        await host.StartAsync(timeout);
        await replicas.Cluster.WaitForAppsAsync(timeout);
        var log = await poster.ReadWholeLogAsync(channel, timeout);

        var stored = log.Select(m => m["content"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{acknowledged.Count} posts acknowledged before the kill, {stored.Count} messages in the log after the restart");
        Assert.All(acknowledged, content => Assert.Contains(content, stored));
    }

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task<JsonObject> OperatorViewAsync(HostProcess host, string agentId, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DaprHostReplicas.OperatorToken);
        using var response = await client.GetAsync(new Uri($"api/v1/agents/{agentId}", UriKind.Relative), cancellationToken);
        return await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }
}
