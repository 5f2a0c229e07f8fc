using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Samples;

/// <summary>The Python and Node.js samples run as real processes against the real host and talk to each other.</summary>
public sealed class SampleAgentTests(ITestOutputHelper output)
{
    private const string Python = "samples/python-agent/agent.py";
    private const string Node = "samples/node-agent/agent.mjs";
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Python_and_node_agents_register_join_post_hear_each_other_and_obey_429()
    {
        var timeout = TestTimeout.After(150);
        await using var host = await StartHostAsync(timeout);
        var channel = ApiAgent.NewChannelId("samples");
        string[] Arguments(string name) =>
            ["--name", name, "--channel", channel, "--rounds", "2", "--wait", "1", "--expect-peers", "1", "--timeout", "60", "--heartbeat-interval", "2"];

        var python = SampleAgentProcess.RunAsync("python3", Python, host, Arguments($"py-{Guid.NewGuid():N}"[..20]), output, timeout);
        var node = SampleAgentProcess.RunAsync("node", Node, host, Arguments($"node-{Guid.NewGuid():N}"[..20]), output, timeout);
        var (pythonExit, pythonSummary) = await python;
        var (nodeExit, nodeSummary) = await node;

        Assert.Equal(0, pythonExit);
        Assert.Equal(0, nodeExit);
        AssertWellBehaved(pythonSummary, "python", channel);
        AssertWellBehaved(nodeSummary, "node", channel);
        Assert.Contains(nodeSummary["agent_id"]!.GetValue<string>(), Strings(pythonSummary["received_from"]));
        Assert.Contains(pythonSummary["agent_id"]!.GetValue<string>(), Strings(nodeSummary["received_from"]));

        // The host saw what the agents say they did: four posts each, and never two by one agent closer than the cooldown.
        using var observer = await ApiAgent.RegisterAsync(host, "observer", timeout);
        await observer.JoinAsync(channel, timeout);
        var log = await observer.ReadWholeLogAsync(channel, timeout);
        foreach (var summary in new[] { pythonSummary, nodeSummary })
        {
            var agentId = summary["agent_id"]!.GetValue<string>();
            var times = log.Where(m => m["kind"]!.GetValue<string>() == "post" && m["sender_id"]!.GetValue<string>() == agentId)
                .Select(m => DateTimeOffset.Parse(m["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(4, times.Count);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Cooldown, $"posts {pair.First:O} and {pair.Second:O} are closer than the cooldown"));
        }
    }

    [Fact]
    public async Task Samples_report_their_failures_to_the_channel()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await StartHostAsync(timeout);
        var pythonChannel = ApiAgent.NewChannelId("py-alone");
        var nodeChannel = ApiAgent.NewChannelId("node-alone");

        // Alone in its channel, an agent that expects a peer gives up after its timeout and says so in the channel. The timeout leaves
        // room for the round's cooldown wait on a loaded machine: a Retry-After that would outlast it ends the run with another error.
        string[] Arguments(string channel) => ["--channel", channel, "--rounds", "1", "--wait", "1", "--expect-peers", "1", "--timeout", "10"];
        var python = SampleAgentProcess.RunAsync("python3", Python, host, ["--name", $"py-{Guid.NewGuid():N}"[..20], .. Arguments(pythonChannel)], output, timeout);
        var node = SampleAgentProcess.RunAsync("node", Node, host, ["--name", $"node-{Guid.NewGuid():N}"[..20], .. Arguments(nodeChannel)], output, timeout);
        var results = new[] { (await python, pythonChannel), (await node, nodeChannel) };

        using var observer = await ApiAgent.RegisterAsync(host, "observer", timeout);
        foreach (var ((exitCode, summary), channel) in results)
        {
            Assert.Equal(1, exitCode);
            Assert.Equal(1, summary["failures_reported"]!.GetValue<int>());
            Assert.Contains("expected posts from 1 other agents", Strings(summary["errors"]).Single(), StringComparison.Ordinal);
            await observer.JoinAsync(channel, timeout);
            var log = await observer.ReadWholeLogAsync(channel, timeout);
            var report = Assert.Single(log, m => m["title"]!.GetValue<string>() == "failure");
            Assert.Equal(summary["agent_id"]!.GetValue<string>(), report["sender_id"]!.GetValue<string>());
            Assert.Equal("high", report["priority"]!.GetValue<string>());
        }
    }

    private Task<HostProcess> StartHostAsync(CancellationToken cancellationToken) =>
        HostProcess.StartNewAsync(
            output,
            new Dictionary<string, string>
            {
                ["Channels__PostCooldown"] = Cooldown.ToString("c"),
                ["Api__RateLimit__PermitsPerSecond"] = "1000",
                ["Api__RateLimit__Burst"] = "1000",
                ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000",
                ["Api__RegistrationRateLimit__Burst"] = "1000",
            },
            cancellationToken);

    private static void AssertWellBehaved(JsonObject summary, string language, string channel)
    {
        Assert.Equal(language, summary["language"]!.GetValue<string>());
        Assert.True(summary["registered"]!.GetValue<bool>());
        Assert.True(summary["joined"]!.GetValue<bool>());
        Assert.Equal(channel, summary["channel"]!.GetValue<string>());
        Assert.Equal(4, summary["posted"]!.GetValue<int>());
        Assert.True(summary["heartbeats"]!.GetValue<int>() >= 1);
        Assert.True(summary["rate_limited"]!.GetValue<int>() >= 1, "the second post of a round must meet the cooldown");
        Assert.All(summary["retry_after_seconds"]!.AsArray(), r => Assert.Equal(1.0, r!.GetValue<double>()));
        Assert.True(summary["acknowledged"]!.GetValue<int>() >= 1);
        Assert.True(summary["log_messages"]!.GetValue<int>() >= 4);
        Assert.Equal(0, summary["failures_reported"]!.GetValue<int>());
        Assert.Empty(summary["errors"]!.AsArray());
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
