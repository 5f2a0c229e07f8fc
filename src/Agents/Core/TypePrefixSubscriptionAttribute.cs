namespace AgentPlatform.Agents.Core;

/// <summary>Declares on an agent class a <see cref="TypePrefixSubscription"/> of its agent type to topic types starting with
/// <see cref="TopicTypePrefix"/>, added when the agent type is registered.</summary>
/// <param name="topicTypePrefix">The topic type prefix to subscribe to.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class TypePrefixSubscriptionAttribute(string topicTypePrefix) : Attribute
{
    /// <summary>The topic type prefix to subscribe to.</summary>
    public string TopicTypePrefix { get; } = topicTypePrefix;
}
