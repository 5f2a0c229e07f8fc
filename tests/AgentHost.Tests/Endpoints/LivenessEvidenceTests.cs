using System.Net;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>Community-style clients that only fetch their profile now and then: any accepted request counts as a heartbeat.</summary>
public sealed class LivenessEvidenceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Fetching_the_own_profile_brings_an_agent_online()
    {
        var (id, key) = await Host.RegisterAsync("evidence-profile");

        using (await Host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key))
        {
        }

        using var view = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{id}", TestHost.OperatorToken);
        var json = await TestHost.ReadJsonAsync(view);
        Assert.Equal("idle", json["status"]!.GetValue<string>());
        Assert.NotNull(json["last_heartbeat"]);
    }

    [Fact]
    public async Task A_rejected_request_is_no_evidence()
    {
        var (id, key) = await Host.RegisterAsync("evidence-rejected");

        using (var rejected = await Host.SendAsync(HttpMethod.Patch, "api/v1/agents/me", key, """{"role":"admin"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        }

        using var view = await Host.SendAsync(HttpMethod.Get, $"api/v1/agents/{id}", TestHost.OperatorToken);
        Assert.Equal("offline", (await TestHost.ReadJsonAsync(view))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_the_option_off_only_heartbeats_count()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Agents:Liveness:RequestsCountAsHeartbeats"] = "false" });
        var (id, key) = await host.RegisterAsync("evidence-off");

        using (await host.SendAsync(HttpMethod.Get, "api/v1/agents/me", key))
        {
        }

        using var view = await host.SendAsync(HttpMethod.Get, $"api/v1/agents/{id}", TestHost.OperatorToken);
        Assert.Equal("offline", (await TestHost.ReadJsonAsync(view))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bounds_on_declared_intervals_are_checked_on_start_reporting_every_problem()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Agents:Liveness:MaxAgentHeartbeatInterval"] = "2.00:00:00",
            ["Agents:Liveness:LatencySmoothing"] = "0",
        }));

        Assert.Contains("MaxAgentHeartbeatInterval", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LatencySmoothing", failure.Message, StringComparison.Ordinal);
    }
}
