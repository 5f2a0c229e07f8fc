using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>Delivers messages published to topics of exactly <see cref="TopicType"/> to agents of <see cref="Subscription.AgentType"/>,
/// one agent per topic source.</summary>
public sealed record TypeSubscription : Subscription
{
    /// <summary>Subscribes <paramref name="agentType"/> to topic type <paramref name="topicType"/>.</summary>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    public TypeSubscription(string topicType, string agentType)
        : base(agentType)
    {
        ActorNames.ThrowIfInvalid(topicType, nameof(topicType));
        TopicType = topicType;
    }

    /// <summary>The matched topic type.</summary>
    public string TopicType { get; }

    /// <inheritdoc/>
    public override string Id => $"type:{TopicType}->{AgentType}";

    /// <inheritdoc/>
    public override bool Matches(TopicId topic) => string.Equals(topic.Type, TopicType, StringComparison.Ordinal);
}
