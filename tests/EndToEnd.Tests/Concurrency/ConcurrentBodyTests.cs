using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Concurrency;

/// <summary>Many clients send JSON bodies to the real host at once; every answer and every stored record must be the sender's own.</summary>
/// <remarks>Regression for request bodies parsed over a pooled buffer that went back to the pool while still in use,
/// which let one request's content be stored under another agent's identity.</remarks>
public sealed class ConcurrentBodyTests(ConcurrentBodyHostFixture fixture, ITestOutputHelper output) : IClassFixture<ConcurrentBodyHostFixture>
{
    private const int Agents = 16;
    private const int MaxPostsPerAgent = 2_000;
    private static readonly TimeSpan PostingTime = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Concurrent_posts_each_keep_their_own_content_and_sender()
    {
        var timeout = TestTimeout.After(150);
        using var talk = await Conversation.StartAsync(fixture.Host, "load", Agents, timeout);
        var acknowledged = new ConcurrentDictionary<string, (string Sender, string Content)>();
        var wrongAnswers = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => Task.Run(
            async () =>
            {
                var agent = talk[i];
                for (var n = 0; n < MaxPostsPerAgent && clock.Elapsed < PostingTime; n++)
                {
                    var content = DistinctText(agent.Id, n);
                    var post = await agent.PostAsync(talk.Channel, content, timeout);
                    var (sender, echoed) = (post["sender_id"]!.GetValue<string>(), post["content"]!.GetValue<string>());
                    if (sender != agent.Id || echoed != content)
                    {
                        wrongAnswers.Enqueue($"{agent.Id} sent '{content}', the 201 says {sender}: '{echoed}'");
                    }

                    acknowledged[post["id"]!.GetValue<string>()] = (agent.Id, content);
                }
            },
            timeout)));

        output.WriteLine($"{acknowledged.Count} posts acknowledged in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(wrongAnswers);

        var log = (await talk[0].ReadWholeLogAsync(talk.Channel, timeout))
            .Where(m => m!["kind"]!.GetValue<string>() == "post")
            .ToList();
        var problems = LogProblems(log, acknowledged);
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
        Assert.Equal(acknowledged.Count, log.Count);
    }

    [Fact]
    public async Task Concurrent_registrations_and_profile_patches_each_keep_their_own_fields()
    {
        var timeout = TestTimeout.After(120);
        const int Registrations = 48;
        const int PatchesPerAgent = 60;
        var agents = await Task.WhenAll(Enumerable.Range(0, Registrations).Select(i => Task.Run(() => RegisterWithProfileAsync(i, timeout), timeout)));
        try
        {
            await Task.WhenAll(agents.Select(agent => Task.Run(
                async () =>
                {
                    for (var n = 0; n < PatchesPerAgent; n++)
                    {
                        var description = DistinctText(agent.Name, n);
                        var capability = CapabilityFor(agent.Name, n);
                        using var response = await agent.SendAsync(HttpMethod.Patch, "agents/me", new { description, capabilities = capability }, timeout);
                        var view = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, timeout);
                        AssertProfile(view, agent, description, capability);
                    }
                },
                timeout)));

            foreach (var agent in agents)
            {
                using var response = await agent.SendAsync(HttpMethod.Get, "agents/me", null, timeout);
                var view = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, timeout);
                AssertProfile(view, agent, DistinctText(agent.Name, PatchesPerAgent - 1), CapabilityFor(agent.Name, PatchesPerAgent - 1));
            }
        }
        finally
        {
            foreach (var agent in agents)
            {
                agent.Dispose();
            }
        }
    }

    private async Task<ApiAgent> RegisterWithProfileAsync(int index, CancellationToken cancellationToken)
    {
        var name = $"reg{index}-{Guid.NewGuid():N}"[..32];
        var description = DistinctText(name, -1);
        var capabilities = CapabilityFor(name, -1);
        using var client = fixture.Host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("api/v1/agents", UriKind.Relative), new { name, description, capabilities }, cancellationToken);
        var body = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
        var agent = ApiAgent.FromRegistration(fixture.Host, body);
        Assert.Equal(name, agent.Name);
        AssertProfile(body["agent"]!.AsObject(), agent, description, capabilities);
        return agent;
    }

    private static void AssertProfile(JsonObject view, ApiAgent agent, string description, Dictionary<string, double> capabilities)
    {
        Assert.Equal(agent.Id, view["id"]!.GetValue<string>());
        Assert.Equal(agent.Name, view["name"]!.GetValue<string>());
        Assert.Equal(description, view["description"]!.GetValue<string>());
        var (name, proficiency) = Assert.Single(view["capabilities"]!.AsObject());
        Assert.Equal(capabilities.Single().Key, name);
        Assert.Equal(capabilities.Single().Value, proficiency!.GetValue<double>());
    }

    private static List<string> LogProblems(List<JsonNode> log, ConcurrentDictionary<string, (string Sender, string Content)> acknowledged)
    {
        var problems = new List<string>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenContents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in log)
        {
            var id = message["id"]!.GetValue<string>();
            var (sender, content) = (message["sender_id"]!.GetValue<string>(), message["content"]!.GetValue<string>());
            if (!seenIds.Add(id) || !seenContents.Add(content))
            {
                problems.Add($"{id} appears twice or repeats the content '{content}'");
            }

            if (!acknowledged.TryGetValue(id, out var sent))
            {
                problems.Add($"{id} is in the log but was never acknowledged");
            }
            else if (sent != (sender, content))
            {
                problems.Add($"{id} was sent by {sent.Sender} as '{sent.Content}' but is stored as {sender}: '{content}'");
            }
        }

        problems.AddRange(acknowledged.Keys.Where(id => !seenIds.Contains(id)).Select(id => $"{id} was acknowledged but is not in the log"));
        return problems;
    }

    /// <summary>Text unique to (owner, n) whose length varies between requests, so concurrent bodies share buffer sizes.</summary>
    private static string DistinctText(string owner, int n)
    {
        var length = 16 + (int)((uint)HashCode.Combine(owner, n) % 480);
        var head = string.Create(CultureInfo.InvariantCulture, $"{owner}#{n}:");
        return head + new string((char)('a' + (n & 15)), length);
    }

    private static Dictionary<string, double> CapabilityFor(string owner, int n) =>
        new() { [$"skill-{(uint)HashCode.Combine(owner, n) % 100_000}"] = Math.Round((((uint)n % 99) + 1) / 100.0, 2) };
}
