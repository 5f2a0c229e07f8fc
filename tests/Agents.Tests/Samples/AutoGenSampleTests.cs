using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Samples.AutoGen;
using AgentPlatform.Samples.AutoGen.Countdown;
using AgentPlatform.Samples.AutoGen.GroupChat;
using AgentPlatform.Samples.AutoGen.Nested;
using AgentPlatform.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Samples;

/// <summary>The ported AutoGen examples in <c>samples/autogen-agents</c>, run as AutoGen runs them: send or publish the first
/// message, then stop when idle.</summary>
public sealed class AutoGenSampleTests
{
    [Fact]
    public async Task The_countdown_pair_passes_the_number_back_and_forth_until_the_checker_stops_it()
    {
        await using var host = await StartAsync(agents => agents.AddCountdown());

        await host.Agents.SendMessageAsync(new CountdownMessage(3), AgentId.Create(CheckerAgent.TypeName, AgentId.DefaultKey), cancellationToken: TestTimeout.After());
        await host.Agents.StopWhenIdleAsync(TestTimeout.After());

        Assert.Equal(
            ["checker: 3 goes on", "modifier: 3 -> 2", "checker: 2 goes on", "modifier: 2 -> 1", "checker: 1 ends the countdown"],
            host.Get<Transcript>().Lines);
    }

    [Fact]
    public async Task The_modifier_answers_a_direct_message_with_the_same_handler()
    {
        await using var host = await StartAsync(agents => agents.AddCountdown());
        var modifier = await host.Agents.GetAsync(ModifierAgent.TypeName, cancellationToken: TestTimeout.After());

        var answer = await host.Agents.SendMessageAsync<CountdownMessage>(new CountdownMessage(10), modifier, cancellationToken: TestTimeout.After());

        Assert.Equal(new CountdownMessage(9), answer);
        Assert.Equal(["modifier: 10 -> 9"], host.Get<Transcript>().Lines);
        Assert.Equal("Decrements the number it is given.", host.Agents.GetAgentMetadata(modifier).Description);
    }

    [Fact]
    public async Task The_outer_agent_asks_the_inner_agent_of_its_key_and_answers_with_its_response()
    {
        await using var host = await StartAsync(agents => agents.AddNested());

        var answer = await host.Agents.SendMessageAsync<NestedMessage>(
            new NestedMessage("world"), AgentId.Create(OuterAgent.TypeName, "k1"), cancellationToken: TestTimeout.After());

        Assert.Equal(new NestedMessage("Hello from inner, Hello from outer, world"), answer);
        Assert.Equal(
            ["outer: world", "inner: Hello from outer, world", "outer: inner answered Hello from inner, Hello from outer, world"],
            host.Get<Transcript>().Lines);
    }

    [Fact]
    public async Task The_group_chat_manager_lets_writer_and_editor_speak_in_turn_until_the_editor_approves()
    {
        await using var host = await StartAsync(agents => agents.AddGroupChat());
        var conversation = TopicId.Create(GroupChatMessage.GroupTopicType, "release-notes");

        await host.Agents.PublishMessageAsync(
            new GroupChatMessage(GroupChatManagerAgent.UserSpeaker, "Write the release notes."), conversation, cancellationToken: TestTimeout.After());
        await host.Agents.StopWhenIdleAsync(TestTimeout.After());

        Assert.Equal(
            ["writer: Draft 1", "editor: Needs a stronger opening.", "writer: Draft 2", "editor: APPROVE, ship it."],
            host.Get<Transcript>().Lines);
        await host.Agents.StartAsync(TestTimeout.After());
        var state = await host.Agents.SaveAgentStateAsync(AgentId.Create(GroupChatManagerAgent.TypeName, "release-notes"), TestTimeout.After());
        var transcript = state!.Value.Deserialize<List<GroupChatMessage>>()!;
        Assert.Equal(["user", "writer", "editor", "writer", "editor"], transcript.Select(m => m.Speaker));
    }

    private static Task<AgentTestHost> StartAsync(Action<AgentsBuilder> configure) => AgentTestHost.StartAsync(services =>
    {
        services.AddSingleton<Transcript>();
        services.AddAgents(configure);
    });
}
