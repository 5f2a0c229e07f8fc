using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Llm.Tools;
using AgentPlatform.Runtime.Embedded.Actors;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Tools;

/// <summary>The <c>read_channel</c> platform function on the embedded runtime's channels, with the test LLM server calling it.</summary>
public sealed class LlmReadChannelTests(ITestOutputHelper output)
{
    /// <summary>The channel actor's type and read method (ChannelActor is internal to Agents).</summary>
    internal const string ChannelActorType = "channel";
    internal const string ReadMethod = "read";

    [Fact]
    public async Task ReadChannelAnswersTheLatestMessagesInOneCallOfTheChannel()
    {
        var timeout = TestTimeout.After(60);
        var script = new TestLlmScript();
        script.AddToolCall("catch up", LlmPlatformTools.ReadChannel, """{"channel":"team-room","limit":2}""");
        await using var server = await TestLlmServer.StartAsync(script);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new RecordingLoggerProvider(output)));
        services.AddEmbeddedRuntime(options => options.UseInMemoryStorage = true);
        services.AddSingleton<IActorRuntime>(sp => new RecordingActorRuntime(sp.GetRequiredService<EmbeddedActorRuntime>(), ChannelActorType));
        services.AddChannels();
        services.AddLlmAgents(options =>
        {
            var agent = new LlmAgentOptions { Endpoint = server.BaseUrl.ToString(), Model = "test-model", ApiKey = "sk-read-test", MaxOutputTokens = 50 };
            agent.Channels.Add("team-room");
            agent.Tools.Add(LlmPlatformTools.ReadChannel);
            options.Agents["writer"] = agent;
        });
        await using var provider = services.BuildServiceProvider();
        await provider.StartEmbeddedRuntimeAsync(timeout);
        var channels = provider.GetRequiredService<ChannelService>();
        var room = ChannelId.Create("team-room");
        await channels.CreateAsync(room, "Team room", null, "alice", timeout);
        foreach (var member in new[] { "bob", "carol", LlmAgentCatalog.MemberIdOf("writer") })
        {
            await channels.JoinAsync(room, member, timeout);
        }

        await channels.PostAsync(room, "alice", null, "first plan", cancellationToken: timeout);
        await channels.PostAsync(room, "bob", null, "second plan", cancellationToken: timeout);
        await channels.PostAsync(room, "carol", null, "third plan", cancellationToken: timeout);
        var recorded = (RecordingActorRuntime)provider.GetRequiredService<IActorRuntime>();
        recorded.Clear();

        var result = await provider.GetRequiredService<LlmTaskExecutor>().RunAsync(
            "writer", "task-1", null, JsonDocument.Parse("\"catch up please\"").RootElement.Clone(), timeout);

        var reply = result.Output.GetString()!;
        Assert.Contains("second plan", reply, StringComparison.Ordinal);
        Assert.Contains("third plan", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("first plan", reply, StringComparison.Ordinal);
        Assert.Equal((LlmPlatformTools.ReadChannel, "ok"), (Assert.Single(result.ToolCalls).Name, result.ToolCalls[0].Outcome));
        Assert.Equal([ReadMethod], recorded.Calls);
    }
}
