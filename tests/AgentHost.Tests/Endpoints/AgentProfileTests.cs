using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class AgentProfileTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Patch_updates_only_the_given_fields_and_replaces_capabilities()
    {
        var (_, key) = await Host.RegisterAsync("profile-patch", """{"search":0.5,"write":0.2}""");

        using var response = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"description":"new words","capabilities":{"plan":1}}""");
        var json = await TestHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("new words", json["description"]!.GetValue<string>());
        Assert.Equal("profile-patch", json["name"]!.GetValue<string>());
        Assert.Equal("""{"plan":1}""", json["capabilities"]!.ToJsonString());
        using var me = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);
        Assert.Equal("new words", (await TestHost.ReadJsonAsync(me))["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_with_null_emoji_clears_it()
    {
        var (_, key) = await Host.RegisterAsync("profile-emoji");
        using (var set = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"emoji":"🤖"}"""))
        {
            Assert.Equal("🤖", (await TestHost.ReadJsonAsync(set))["emoji"]!.GetValue<string>());
        }

        using var cleared = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"emoji":null}""");

        Assert.Null((await TestHost.ReadJsonAsync(cleared))["emoji"]);
    }

    [Theory]
    [InlineData("""{"nickname":"x"}""", "nickname", "is not a known field")]
    [InlineData("""{"name":"renamed"}""", "name", "is read-only")]
    [InlineData("""{"id":"agt_00000000000000000000"}""", "id", "is read-only")]
    [InlineData("""{"status":"busy"}""", "status", "is read-only")]
    [InlineData("""{"created_at":"2020-01-01T00:00:00Z"}""", "created_at", "is read-only")]
    [InlineData("""{"capabilities":{"search":1.01}}""", "capabilities.search", "proficiency must be between 0 and 1")]
    [InlineData("""{"capabilities":{"search":-0.5}}""", "capabilities.search", "proficiency must be between 0 and 1")]
    [InlineData("""{"capabilities":{"search":"expert"}}""", "capabilities.search", "proficiency must be a number between 0 and 1")]
    [InlineData("""{"capabilities":["search"]}""", "capabilities", "must be an object of name → number")]
    [InlineData("""{"emoji":42}""", "emoji", "must be a string or null")]
    public async Task Invalid_patches_are_400_naming_the_field_and_change_nothing(string body, string field, string message)
    {
        var (_, key) = await Host.RegisterAsync($"profile-bad-{Guid.NewGuid():N}"[..30], """{"search":0.5}""");
        var before = await Host.SnapshotAsync();

        using var response = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, $$"""{"description":"changed",{{body[1..]}}""");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(message, problem["errors"]![field]![0]!.GetValue<string>());
        Assert.Equal(before, await Host.SnapshotAsync());
    }

    [Fact]
    public async Task Put_on_me_is_405_with_allow()
    {
        var (_, key) = await Host.RegisterAsync("profile-put");

        using var response = await Host.SendAsync(HttpMethod.Put, "api/v1/agents/me", key, """{"description":"x"}""");

        await ProblemAssert.IsAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(["GET", "PATCH"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cross_agent_attempts_are_rejected_and_change_nothing()
    {
        var (victim, victimKey) = await Host.RegisterAsync("cross-victim", """{"search":0.4}""");
        var (_, attacker) = await Host.RegisterAsync("cross-attacker");
        var before = await Host.SnapshotAsync();

        using (var revoke = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{victim}/keys/revoke", attacker))
        {
            await ProblemAssert.IsAsync(revoke, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var delete = await Host.SendAsync(HttpMethod.Delete, $"api/v1/agents/{victim}", attacker))
        {
            await ProblemAssert.IsAsync(delete, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var patch = await Host.SendAsync(HttpMethod.Patch, $"api/v1/agents/{victim}", attacker, """{"description":"pwned"}"""))
        {
            await ProblemAssert.IsAsync(patch, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        }

        using (var heartbeat = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{victim}/heartbeat", attacker))
        {
            await ProblemAssert.IsAsync(heartbeat, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Equal(before, await Host.SnapshotAsync());
        using var victimStill = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", victimKey);
        Assert.Equal(HttpStatusCode.OK, victimStill.StatusCode);
    }

    [Fact]
    public async Task Another_agents_public_profile_is_readable_but_unknown_ids_are_404()
    {
        var (other, _) = await Host.RegisterAsync("public-other");
        var (_, reader) = await Host.RegisterAsync("public-reader");

        using var found = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{other}", reader);
        using var missing = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/agt_00000000000000000000", reader);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("public-other", (await TestHost.ReadJsonAsync(found))["name"]!.GetValue<string>());
        await ProblemAssert.IsAsync(missing, HttpStatusCode.NotFound, "not-found");
    }
}
