namespace AgentPlatform.Agents.Core;

/// <summary>Declares on an agent class a <see cref="TypeSubscription"/> of its agent type to <see cref="TopicType"/>,
/// added when the agent type is registered.</summary>
/// <param name="topicType">The topic type to subscribe to.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class TypeSubscriptionAttribute(string topicType) : Attribute
{
    /// <summary>The topic type to subscribe to.</summary>
    public string TopicType { get; } = topicType;
}
