using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>AutoGen's <c>message_handler</c> (both kinds), <c>match</c> predicates reading the context, and <c>on_unhandled_message</c>.</summary>
public sealed class HandlerRoutingTests
{
    private static readonly AgentId Desk = AgentId.Create("desk", "d1");

    [Fact]
    public async Task One_handler_serves_direct_and_published_messages()
    {
        await using var host = await ParityHost.StartAsync();

        var reply = await host.Agents.SendMessageAsync<Answer>(new Question("direct"), Desk, cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Question("published"), DefaultTopicId.Create("d1"), messageId: "q1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("q1");

        Assert.Equal(new Answer("direct"), reply);
        Assert.Equal(["question direct rpc=True", "question published rpc=False"], host.Get<Journal>().Entries);
    }

    [Fact]
    public async Task A_match_predicate_reads_the_message_context()
    {
        await using var host = await ParityHost.StartAsync();
        var colleague = AgentId.Create("plain", "p9");

        var fromOutside = await host.Agents.SendMessageAsync<Answer>(new Question("q"), Desk, cancellationToken: TestTimeout.After());
        var fromAgent = await host.Agents.SendMessageAsync<Answer>(new Question("q"), Desk, colleague, cancellationToken: TestTimeout.After());

        Assert.Equal(new Answer("q"), fromOutside);
        Assert.Equal(new Answer("colleague plain/p9: q"), fromAgent);
        Assert.Equal(["question q rpc=True", "agent-question q rpc=True"], host.Get<Journal>().Entries);
    }

    [Fact]
    public async Task Unhandled_messages_reach_the_hook_with_their_type_name()
    {
        await using var host = await ParityHost.StartAsync();
        var unknownType = JsonSerializer.SerializeToElement(new AgentEnvelope { Id = "m1", MessageType = "python.Greeting", Message = new { text = "hi" } });

        var reply = await host.Agents.SendMessageAsync(new Unrelated(4), Desk, cancellationToken: TestTimeout.After());
        var fromElsewhere = await host.Actors.InvokeAsync<JsonElement, object?>(Desk.ToActorId(), BaseAgent.RpcMethod, unknownType, TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Unrelated(5), DefaultTopicId.Create("d1"), messageId: "u1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("u1");

        Assert.Equal("nobody here takes that", reply);
        Assert.Equal("nobody here takes that", fromElsewhere);
        Assert.Equal(
            [$"unhandled Unrelated {typeof(Unrelated).FullName} rpc=True", "unhandled json python.Greeting rpc=True", $"unhandled Unrelated {typeof(Unrelated).FullName} rpc=False"],
            host.Get<Journal>().Entries);
    }

    [Fact]
    public async Task Without_a_hook_an_unhandled_direct_message_is_refused_and_an_event_ignored()
    {
        await using var host = await ParityHost.StartAsync();
        var silent = AgentId.Create("silent", "s1");
        await host.Agents.AddSubscriptionAsync(new TypeSubscription("quiet", "silent"));

        var error = await Assert.ThrowsAsync<CantHandleException>(
            async () => await host.Agents.SendMessageAsync(new Question("?"), silent, cancellationToken: TestTimeout.After()));
        await host.Agents.PublishMessageAsync(new Question("?"), TopicId.Create("quiet", "s1"), messageId: "e1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("e1");

        Assert.Equal(typeof(Question).FullName, error.MessageType);
        Assert.Contains(host.Deliveries.Log, e => e.EventId == "e1" && e.Result == AgentPlatform.Runtime.PubSub.DeliveryResult.Success);
    }
}
