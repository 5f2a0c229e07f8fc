using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>AutoGen's <c>DefaultTopicId</c> and <c>default_subscription</c>.</summary>
public sealed class DefaultTopicTests
{
    [Fact]
    public void The_default_topic_keeps_the_source_of_the_message_being_handled()
    {
        var inConversation = new MessageContext("m1", CancellationToken.None) { Topic = TopicId.Create("orders", "conversation-7") };
        var direct = new MessageContext("m2", CancellationToken.None);

        Assert.Equal(TopicId.Create("default", "conversation-7"), DefaultTopicId.Create(inConversation));
        Assert.Equal(TopicId.Create("default", "default"), DefaultTopicId.Create(direct));
        Assert.Equal(TopicId.Create("default", "default"), DefaultTopicId.Create());
    }

    [Fact]
    public async Task A_default_subscription_delivers_the_default_topic_to_one_agent_per_source()
    {
        await using var host = await ParityHost.StartAsync();

        Assert.Contains(new TypeSubscription(DefaultTopicId.Type, "desk"), host.Agents.Subscriptions);
        await host.Agents.PublishMessageAsync(new Answer("hello"), DefaultTopicId.Create(), messageId: "h1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("h1");

        Assert.Equal(["answer hello on default/default"], host.Get<Journal>().Entries);
    }
}
