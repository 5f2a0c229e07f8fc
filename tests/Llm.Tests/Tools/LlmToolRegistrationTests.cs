using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Tests.Agents;
using AgentPlatform.Llm.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Tools;

public sealed class LlmToolRegistrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ChannelsToolsAndMcpServersOfARegistrationAreCheckedFieldByFieldAndApiCommandsMustBeAllowed()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) =>
        {
            options.Keys["provider"] = "sk-kept";
            options.McpCommands.Add("/usr/bin/mcp-files");
        });
        var valid = new LlmAgentRegistration("https://llm.example/v1", "m", ApiKeyRef: "provider",
            Channels: ["team-room"], Tools: [LlmPlatformTools.PostToChannel, LlmPlatformTools.AskAgent],
            McpServers: [new LlmMcpServerOptions { Name = "files", Command = "/usr/bin/mcp-files" }, new LlmMcpServerOptions { Name = "web", Url = "https://mcp.example/mcp" }]);

        var fine = rig.Catalog.Validate("reviewer", valid);
        var bad = rig.Catalog.Validate("reviewer", valid with
        {
            Channels = ["Not A Channel", "team-room", "team-room"],
            Tools = ["shell"],
            McpServers =
            [
                new LlmMcpServerOptions { Name = "files", Command = "/bin/sh" },
                new LlmMcpServerOptions { Name = "files", Url = "ftp://x" },
                new LlmMcpServerOptions { Name = "two ways", Command = "/usr/bin/mcp-files", Url = "https://mcp.example" },
                new LlmMcpServerOptions { Name = "none" },
            ],
            MaxToolRounds = 0,
        });
        var readWithoutChannels = rig.Catalog.Validate("reviewer", valid with { Channels = [], Tools = [LlmPlatformTools.ReadChannel] });

        Assert.Empty(fine);
        Assert.Equal(
            ["channels[0]", "channels[2]", "max_tool_rounds", "mcp_servers[0].command", "mcp_servers[1].name", "mcp_servers[1].url",
                "mcp_servers[2].name", "mcp_servers[2].url", "mcp_servers[3].command", "tools[0]"],
            bad.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Equal("tools[0]", Assert.Single(readWithoutChannels).Field);
    }

    [Fact]
    public async Task AConfiguredAgentMayStartAnyMcpCommandButItsToolSettingsAreValidatedOnStart()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (_, agent) =>
        {
            agent.McpServers.Add(new LlmMcpServerOptions { Name = "local", Command = "/opt/any-mcp" });
            agent.Tools.Add(LlmPlatformTools.ReadChannel);
            agent.MaxToolRounds = 100;
        });

        var failure = Assert.Throws<OptionsValidationException>(() => rig.Services.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Equal(
            ["Llm:Agents:writer: max_tool_rounds must be between 1 and 64.", "Llm:Agents:writer: tools[0] needs channels: the agent may post to and read only its own."],
            failure.Failures.Order(StringComparer.Ordinal));
    }
}
