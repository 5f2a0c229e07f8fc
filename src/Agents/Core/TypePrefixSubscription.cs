namespace AgentPlatform.Agents.Core;

/// <summary>Delivers messages published to topics whose type starts with <see cref="TopicTypePrefix"/> to agents of
/// <see cref="Subscription.AgentType"/>, one agent per topic source.</summary>
public sealed record TypePrefixSubscription : Subscription
{
    /// <summary>Subscribes <paramref name="agentType"/> to every topic type starting with <paramref name="topicTypePrefix"/> (ordinal).</summary>
    /// <exception cref="ArgumentException">The prefix is empty or the agent type is not valid.</exception>
    public TypePrefixSubscription(string topicTypePrefix, string agentType)
        : base(agentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicTypePrefix);
        TopicTypePrefix = topicTypePrefix;
    }

    /// <summary>The matched topic type prefix.</summary>
    public string TopicTypePrefix { get; }

    /// <inheritdoc/>
    public override string Id => $"prefix:{TopicTypePrefix}->{AgentType}";

    /// <inheritdoc/>
    public override bool Matches(TopicId topic) => topic.Type.StartsWith(TopicTypePrefix, StringComparison.Ordinal);
}
