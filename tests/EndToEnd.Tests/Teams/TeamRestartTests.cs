using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Teams;

public sealed class TeamRestartTests(ITestOutputHelper output)
{
    private const string OperatorToken = "team-restart-operator-token";

    [Fact]
    public async Task A_declared_team_and_a_removal_survive_a_hard_kill_and_restart()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, new Dictionary<string, string> { ["Api__OperatorToken"] = OperatorToken }, timeout);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        const string Yaml = """
            name: Durable team
            members:
              - role: manager
                capabilities: {plan: 1}
              - role: coordinator
                capabilities: {plan: 1}
              - role: executor
                capabilities: {code: 1}
                count: 3
            policies:
              retry_budget: 5
            """;
        using (var put = await client.PutAsync(new Uri("api/v1/teams/durable", UriKind.Relative), new StringContent(Yaml, Encoding.UTF8, "application/yaml"), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var put = await client.PutAsync(new Uri("api/v1/teams/fleeting", UriKind.Relative), new StringContent(Yaml, Encoding.UTF8, "application/yaml"), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var delete = await client.DeleteAsync(new Uri("api/v1/teams/fleeting", UriKind.Relative), timeout))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var before = await client.GetStringAsync(new Uri("api/v1/teams/durable", UriKind.Relative), timeout);

        await host.KillAsync();
        await host.StartAsync(timeout);

        var after = await client.GetStringAsync(new Uri("api/v1/teams/durable", UriKind.Relative), timeout);
        var list = JsonNode.Parse(await client.GetStringAsync(new Uri("api/v1/teams", UriKind.Relative), timeout))!;
        Assert.Equal(before, after);
        Assert.Equal(5, JsonNode.Parse(after)!["policies"]!["retry_budget"]!.GetValue<int>());
        Assert.Equal(["durable"], list["teams"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }
}
