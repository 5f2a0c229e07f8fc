using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Agents;

/// <summary>The shipped host loads C# agents from an assembly named in configuration, and HTTP clients send them typed messages
/// by wire type name.</summary>
public sealed class HostedAgentAssemblyTests(ITestOutputHelper output)
{
    private const string Token = "hosted-agents-operator-token-0123456789";

    private static Dictionary<string, string> Settings(string assembly)
    {
        var settings = AutoGenSampleSettings.For(assembly);
        settings["Api__OperatorToken"] = Token;
        return settings;
    }

    [Fact]
    public async Task An_agent_from_a_configured_assembly_answers_a_typed_http_message_by_wire_name()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, Settings(AutoGenSampleSettings.SampleAssembly), timeout);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var answered = await client.PostAsJsonAsync(
            "api/v1/agent-messages/modifier/default", new { type = "autogen.countdown", message = new { content = 10 } }, timeout);
        using var unknownType = await client.PostAsJsonAsync(
            "api/v1/agent-messages/modifier/default", new { type = "AgentPlatform.Nothing", message = new { content = 1 } }, timeout);
        using var unknownAgent = await client.PostAsJsonAsync(
            "api/v1/agent-messages/nobody/default", new { type = "autogen.countdown", message = new { content = 1 } }, timeout);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var body = (await answered.Content.ReadFromJsonAsync<JsonObject>(timeout))!;
        Assert.Equal("autogen.countdown", body["type"]!.GetValue<string>());
        Assert.Equal(9, body["message"]!["content"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Contains("\"type\"", await unknownType.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownAgent.StatusCode);
    }

    [Fact]
    public async Task A_missing_agent_assembly_or_class_stops_the_start_with_one_line_each()
    {
        var directory = Directory.CreateTempSubdirectory("agent-platform-hosted-agents-").FullName;
        var settings = Settings(Path.Combine(directory, "missing", "Agents.dll"));
        settings["Agents__Types__ghost"] = "Nowhere.GhostAgent";

        var result = await HostCommand.RunAsync([], directory, settings, TestTimeout.After(60));
        output.WriteLine(result.Output + result.Error);

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(lines, l => l.Contains("Agents:Assemblies: the agent assembly", StringComparison.Ordinal) && l.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Agents:Types:ghost: class 'Nowhere.GhostAgent' cannot be found", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
