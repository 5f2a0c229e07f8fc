using System.Net;
using System.Text.RegularExpressions;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed partial class AgentRegistrationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Registration_returns_the_agent_and_a_key_shown_once()
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents", null,
            """{"name":"reg-first","description":"finds things","emoji":"🔎","capabilities":{"search":0.9,"summarize":0}}""");
        var json = await TestHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = json["agent"]!["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/agents/{id}", response.Headers.Location!.OriginalString);
        Assert.Matches(KeyPattern(), json["api_key"]!.GetValue<string>());
        Assert.Equal("reg-first", json["agent"]!["name"]!.GetValue<string>());
        Assert.Equal("offline", json["agent"]!["status"]!.GetValue<string>());
        Assert.Equal(0.9, json["agent"]!["capabilities"]!["search"]!.GetValue<double>());

        using var me = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", json["api_key"]!.GetValue<string>());
        var meJson = await TestHost.ReadJsonAsync(me);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(id, meJson["id"]!.GetValue<string>());
        Assert.Null(meJson["api_key"]);
        Assert.Equal("🔎", meJson["emoji"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict_regardless_of_case_and_changes_nothing()
    {
        await Host.RegisterAsync("reg-Taken");
        var before = await Host.SnapshotAsync();

        using var response = await Host.SendAsync(HttpMethod.Post, "api/v1/agents", null, """{"name":"REG-taken"}""");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(before, await Host.SnapshotAsync());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_name_admit_exactly_one()
    {
        var attempts = Enumerable.Range(0, 16)
            .Select(_ => Host.SendAsync(HttpMethod.Post, "api/v1/agents", null, """{"name":"reg-race"}"""))
            .ToList();
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var snapshot = await Host.SnapshotAsync();
        Assert.Single(NameRegex().Matches(snapshot));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [GeneratedRegex("^apk_[0-9a-f]{28}\\.[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("\"name\":\"reg-race\"")]
    private static partial Regex NameRegex();
}
