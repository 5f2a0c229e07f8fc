namespace AgentPlatform.Agents.Core;

/// <summary>Declares on an agent class a subscription of its agent type to the default topic type (<see cref="DefaultTopicId.Type"/>),
/// one agent per topic source; the same as <c>[TypeSubscription("default")]</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class DefaultSubscriptionAttribute : Attribute
{
}
