using AgentPlatform.Agents.Core;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>AutoGen's <c>Agent</c> protocol and <c>BaseAgent</c>: one entry point, metadata with a description.</summary>
public sealed class AgentProtocolTests
{
    [Fact]
    public async Task A_base_agent_takes_direct_and_published_messages_in_one_method()
    {
        await using var host = await ParityHost.StartAsync();
        var plain = AgentId.Create("plain", "p1");
        await host.Agents.AddSubscriptionAsync(new TypeSubscription("notes", "plain"));

        var answer = await host.Agents.SendMessageAsync<Answer>(new Question("why"), plain, cancellationToken: TestTimeout.After());
        await host.Agents.PublishMessageAsync(new Order("tea", 1), TopicId.Create("notes", "p1"), messageId: "n1", cancellationToken: TestTimeout.After());
        await host.Deliveries.HandledAsync("n1");

        Assert.Equal(new Answer("WHY"), answer);
        var journal = host.Get<Journal>().Entries;
        Assert.Equal(
            ["plain/p1 rpc Question { Text = why } Answers questions and notes events.", "plain/p1 event Order { Item = tea, Quantity = 1 } Answers questions and notes events."],
            journal);
    }

    [Fact]
    public async Task Metadata_reports_type_key_and_description_without_activating_the_agent()
    {
        await using var host = await ParityHost.StartAsync();

        var plain = host.Agents.GetAgentMetadata(AgentId.Create("plain", "p1"));
        var desk = host.Agents.GetAgentMetadata(AgentId.Create("counted", "c1"));

        Assert.Equal(new AgentMetadata("plain", "p1", "Answers questions and notes events."), plain);
        Assert.Equal(new AgentMetadata("counted", "c1", ""), desk);
        Assert.Equal(0, host.Get<Journal>().Activations);
        Assert.Throws<AgentNotFoundException>(() => host.Agents.GetAgentMetadata(AgentId.Create("nobody", "n1")));
    }
}
