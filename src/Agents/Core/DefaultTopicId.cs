namespace AgentPlatform.Agents.Core;

/// <summary>The default topic, for agents that need no topic design of their own: type <see cref="Type"/>, and the source of the
/// message being handled (or <see cref="Source"/>).</summary>
public static class DefaultTopicId
{
    /// <summary>The default topic type, which <see cref="DefaultSubscriptionAttribute"/> subscribes to.</summary>
    public const string Type = "default";

    /// <summary>The source used outside a handler, or when the message being handled came from no topic.</summary>
    public const string Source = "default";

    /// <summary>The default topic: its source is that of the topic <paramref name="context"/>'s message arrived on, so a reply stays
    /// in the same conversation; <see cref="Source"/> otherwise.</summary>
    public static TopicId Create(MessageContext? context = null) => TopicId.Create(Type, context?.Topic?.Source ?? Source);

    /// <summary>The default topic with source <paramref name="source"/>.</summary>
    public static TopicId Create(string source) => TopicId.Create(Type, source);
}
