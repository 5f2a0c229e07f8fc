using System.Reflection;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Engines.Actors;

namespace AgentPlatform.Runtime.Dapr.Tests;

public sealed class DaprNamesTests
{
    [Fact]
    public void Actor_types_are_exactly_the_ones_Agents_Llm_and_Workflows_declare()
    {
        // Runtime.Dapr may not reference Agents, Llm or Workflows, so the names are copied there and compared here. The platform
        // actors are internal; their TypeName / ActorType constants are read by reflection.
        var agentActors = new[] { typeof(AgentRuntime).Assembly, typeof(Microsoft.Extensions.DependencyInjection.LlmServiceCollectionExtensions).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsSubclassOf(typeof(Actor)) && !type.IsAbstract)
            .Select(type => type.GetField("TypeName", BindingFlags.Public | BindingFlags.Static) ?? type.GetField("ActorType", BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(field => (string)field.GetRawConstantValue()!);
        var workflowActors = typeof(WorkflowActorTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (string)field.GetRawConstantValue()!);

        Assert.Equal(
            agentActors.Concat(workflowActors).Order(StringComparer.Ordinal),
            DaprNames.ActorTypes.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_actor_type_is_a_valid_Dapr_actor_type()
    {
        Assert.All(DaprNames.ActorTypes.All, type => Assert.Equal(type, ActorId.Create(type, "key").Type));
    }

    [Fact]
    public void Agent_topics_are_the_ones_Agents_publishes_to()
    {
        Assert.Equal(AgentRuntime.MessagesTopic, DaprNames.Topics.AgentMessages);
        Assert.Equal(AgentStatusChanged.Topic, DaprNames.Topics.AgentStatus);
        Assert.Equal(AgentRegistryEntry.Topic, DaprNames.Topics.AgentRegistry);
        Assert.Equal(InboxWakeup.ChannelTopic, DaprNames.Topics.ChannelPosts);
        Assert.Equal(InboxWakeup.AgentTopic, DaprNames.Topics.AgentInbox);
        Assert.Equal(AgentIdentityChanged.Topic, DaprNames.Topics.AgentIdentity);
    }

    [Fact]
    public void Broadcast_topics_are_platform_topics_and_every_other_platform_topic_competes()
    {
        Assert.Subset(DaprNames.Topics.Platform.ToHashSet(), DaprNames.Topics.Broadcast.ToHashSet());
        Assert.Equal(
            [DaprNames.Topics.AgentMessages, DaprNames.Topics.AgentStatus, DaprNames.Topics.DeadLetter],
            DaprNames.Topics.Platform.Except(DaprNames.Topics.Broadcast));
    }

    [Fact]
    public void Channel_topics_are_the_prefix_and_the_channel_id()
    {
        Assert.Equal("channel.lobby", DaprNames.Topics.ForChannel("lobby"));
        Assert.Throws<ArgumentException>(() => DaprNames.Topics.ForChannel(string.Empty));
        Assert.DoesNotContain(DaprNames.Topics.Platform, topic => topic.StartsWith(DaprNames.Topics.ChannelPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_are_unique_within_their_group()
    {
        Assert.Equal(DaprNames.Components.All.Count, DaprNames.Components.All.Distinct().Count());
        Assert.Equal(DaprNames.ActorTypes.All.Count, DaprNames.ActorTypes.All.Distinct().Count());
        Assert.Equal(DaprNames.Annotations.All.Count, DaprNames.Annotations.All.Distinct().Count());
        Assert.All(DaprNames.Annotations.All, a => Assert.StartsWith("dapr.io/", a, StringComparison.Ordinal));
    }
}
