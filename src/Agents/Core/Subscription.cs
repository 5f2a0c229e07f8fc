using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>Routes messages published to matching topics to agents of one type.</summary>
/// <remarks>The receiving agent is <c>AgentId(AgentType, topic.Source)</c>. Two subscriptions with the same
/// <see cref="Id"/> are the same subscription, so adding one twice is harmless.</remarks>
public abstract record Subscription
{
    /// <summary>Creates a subscription delivering to agents of <paramref name="agentType"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentType"/> is not a valid agent type.</exception>
    protected Subscription(string agentType)
    {
        ActorNames.ThrowIfInvalid(agentType, nameof(agentType));
        AgentType = agentType;
    }

    /// <summary>The type of the agents receiving matched messages.</summary>
    public string AgentType { get; }

    /// <summary>A stable id derived from the subscription's definition.</summary>
    public abstract string Id { get; }

    /// <summary>True when a message published to <paramref name="topic"/> goes to this subscription.</summary>
    public abstract bool Matches(TopicId topic);

    /// <summary>The agent receiving a message published to <paramref name="topic"/>: <c>AgentId(AgentType, topic.Source)</c>.</summary>
    public AgentId MapToAgent(TopicId topic) => AgentId.Create(AgentType, topic.Source);
}
