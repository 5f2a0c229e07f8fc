using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.EndToEnd.Tests.Tasks;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Llm;

/// <summary>LLM agents registered through the operator API: validated by field, persisted across a restart, matched and run like
/// configured ones, and their key (kept in configuration) never returned or logged.</summary>
public sealed class LlmAgentApiTests(ITestOutputHelper output)
{
    private const string ApiKey = "sk-registered-93be1f0a";

    private const string Definition = """
        id: translate
        steps:
          - { id: translate, kind: agent_task, capabilities: { translate: 1.0 }, input: "${input.text}", timeout: 60s }
        """;

    [Fact]
    public async Task An_agent_registered_through_the_api_survives_a_restart_takes_work_and_never_shows_its_key()
    {
        var timeout = TestTimeout.After(150);
        await using var server = await TestLlmServer.StartAsync();
        var settings = new Dictionary<string, string>(TaskOperator.Settings) { ["Llm__Keys__provider"] = ApiKey };
        await using var host = await HostProcess.StartNewAsync(output, settings, timeout);
        using (var ops = TaskOperator.For(host))
        {
            using var invalid = await ops.Client.PutAsJsonAsync(Agent("translator"),
                new { endpoint = "ftp://nowhere", model = "", temperature = 3, capabilities = new { translate = 2 }, api_key_ref = "missing" }, timeout);
            var problem = await ApiAgent.ReadJsonAsync(invalid, HttpStatusCode.BadRequest, timeout);
            using var withKey = await ops.Client.PutAsJsonAsync(Agent("translator"),
                new { endpoint = server.BaseUrl.ToString(), model = "test-model", api_key = ApiKey }, timeout);
            using var unauthorized = await host.CreateClient().GetAsync(Agent(""), timeout);
            using var created = await ops.Client.PutAsJsonAsync(Agent("translator"), new
            {
                endpoint = server.BaseUrl.ToString(),
                model = "test-model",
                system_prompt = "Translate.",
                max_output_tokens = 64,
                capabilities = new { translate = 0.8 },
                api_key_ref = "provider",
            }, timeout);
            var view = await ApiAgent.ReadJsonAsync(created, HttpStatusCode.Created, timeout);

            Assert.Equal(
                ["api_key_ref", "capabilities.translate", "endpoint", "model", "temperature"],
                problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
            Assert.Equal(HttpStatusCode.BadRequest, withKey.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
            Assert.Equal(("llm/translator", "api", "provider"), (view["agent_id"]!.GetValue<string>(), view["source"]!.GetValue<string>(), view["api_key_ref"]!.GetValue<string>()));
        }

        await host.KillAsync();
        await host.StartAsync(timeout);
        using var again = TaskOperator.For(host);
        var list = await again.Client.GetStringAsync(Agent(""), timeout);
        await again.RegisterDefinitionAsync(Definition, timeout);
        await again.StartAsync("translate", "tr-1", new { text = "bonjour" }, timeout);
        var done = await again.WaitAsync("tr-1", timeout);
        using var deleted = await again.Client.DeleteAsync(Agent("translator"), timeout);
        using var gone = await again.Client.GetAsync(Agent("translator"), timeout);

        var agent = Assert.Single(JsonNode.Parse(list)!["agents"]!.AsArray())!;
        Assert.Equal(("translator", 0.8), (agent["name"]!.GetValue<string>(), agent["capabilities"]!["translate"]!.GetValue<double>()));
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal("echo: bonjour", done["steps"]![0]!["output"]!.GetValue<string>());
        Assert.Equal(ApiKey, Assert.Single(server.Requests).ApiKey);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, gone.StatusCode));
        Assert.DoesNotContain(ApiKey, list, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, host.Log, StringComparison.Ordinal);
    }

    private static Uri Agent(string name) => new($"api/v1/llm/agents/{name}", UriKind.Relative);
}
