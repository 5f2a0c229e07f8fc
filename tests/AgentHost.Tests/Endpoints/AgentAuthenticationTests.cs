using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class AgentAuthenticationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Missing_authorization_is_401_with_a_bearer_challenge()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", null);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("missing", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("apk_short.secret")]
    [InlineData("apk_0000000000000000000000000000.!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task Malformed_keys_are_401(string key)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("malformed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_bearer_scheme_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/agents/me", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using var response = await Host.Client.SendAsync(request, TestKit.TestTimeout.After(30));

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_wrong_secret_for_a_real_key_id_is_401()
    {
        var (_, key) = await Host.RegisterAsync("auth-wrong");
        var wrong = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", wrong);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var (id, key) = await Host.RegisterAsync("auth-revoked");
        using (var ok = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var revoke = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{id}/keys/revoke", TestHost.OperatorToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var response = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("revoked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_issues_a_new_key_and_the_old_one_stops_working_at_once()
    {
        var (id, oldKey) = await Host.RegisterAsync("auth-rotated");

        using var rotate = await Host.SendAsync(HttpMethod.Post, "api/v1/agents/me/keys/rotate", oldKey);
        var newKey = (await TestHost.ReadJsonAsync(rotate))["api_key"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.NotEqual(oldKey, newKey);
        using (var old = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", oldKey))
        {
            await ProblemAssert.IsAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var current = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", newKey);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(id, (await TestHost.ReadJsonAsync(current))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_agents_key_is_401()
    {
        var (id, key) = await Host.RegisterAsync("auth-deleted");

        using (var delete = await Host.SendAsync(HttpMethod.Delete, $"api/v1/agents/{id}", TestHost.OperatorToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var response = await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key);
        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        using var lookup = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{id}", TestHost.OperatorToken);
        await ProblemAssert.IsAsync(lookup, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_wrong_operator_token_is_401_and_an_agent_key_on_an_admin_endpoint_is_403()
    {
        var (victim, _) = await Host.RegisterAsync("auth-admin-victim");
        var (_, attacker) = await Host.RegisterAsync("auth-admin-attacker");

        using (var wrong = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{victim}/keys/revoke", "not-the-operator-token-at-all"))
        {
            await ProblemAssert.IsAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var asAgent = await Host.SendAsync(HttpMethod.Post, $"api/v1/agents/{victim}/keys/revoke", attacker);
        await ProblemAssert.IsAsync(asAgent, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Admin_endpoints_without_a_configured_operator_token_answer_403_saying_so()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Api:OperatorToken"] = string.Empty });
        var (id, _) = await host.RegisterAsync("no-operator");

        using var response = await host.SendAsync(HttpMethod.Delete, $"api/v1/agents/{id}", "any-token-whatsoever-1234");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("Api:OperatorToken", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
