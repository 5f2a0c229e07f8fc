using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Core;

/// <summary>An agent type: the agent class hosting it, its subscriptions and the actor type registration that hosts it.</summary>
/// <remarks>Pass <see cref="ActorRegistration"/> to the actor runtime and the registration itself to <see cref="AgentRuntime"/>;
/// <c>services.AddAgents().AddAgent&lt;TAgent&gt;(type)</c> does both.</remarks>
public sealed class AgentTypeRegistration
{
    /// <summary>The key of the agent that takes the tasks matched to an agent type by its declared capabilities.</summary>
    public const string TaskAgentKey = "default";

    private AgentTypeRegistration(
        string type, Type agentClass, IReadOnlyList<Subscription> subscriptions, IReadOnlyDictionary<string, double> taskCapabilities, ActorTypeRegistration actorRegistration)
    {
        Type = type;
        Description = BaseAgent.DescriptionOf(agentClass);
        AgentClass = agentClass;
        Subscriptions = subscriptions;
        TaskCapabilities = taskCapabilities;
        ActorRegistration = actorRegistration;
    }

    /// <summary>The agent type name, also the actor type name.</summary>
    public string Type { get; }

    /// <summary>What the agents do, from <see cref="AgentDescriptionAttribute"/>; empty when not declared.</summary>
    public string Description { get; }

    /// <summary>The agent class.</summary>
    public Type AgentClass { get; }

    /// <summary>The subscriptions declared on the class with <see cref="TypeSubscriptionAttribute"/> and <see cref="TypePrefixSubscriptionAttribute"/>.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>The capabilities declared on the class with <see cref="TaskCapabilityAttribute"/> (name → proficiency); empty when
    /// the type takes no tasks by capability.</summary>
    public IReadOnlyDictionary<string, double> TaskCapabilities { get; }

    /// <summary>The agent listed in the capability registry for <see cref="TaskCapabilities"/>, <c>{type}/default</c>; null when
    /// none are declared.</summary>
    public string? TaskAgentId => TaskCapabilities.Count == 0 ? null : AgentId.Create(Type, TaskAgentKey).ToString();

    /// <summary>The actor type registration hosting the agents.</summary>
    public ActorTypeRegistration ActorRegistration { get; }

    /// <summary>Registers <typeparamref name="TAgent"/> as agent type <paramref name="type"/>.</summary>
    /// <param name="type">The agent type name (actor name rules).</param>
    /// <param name="factory">Creates an agent for an activation; by default the constructor is called with the
    /// <see cref="ActorHost"/> and services from <see cref="ActorHost.Services"/>.</param>
    /// <param name="idleTimeout">How long an idle agent stays activated; null uses the runtime default.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not valid.</exception>
    /// <exception cref="InvalidOperationException">A handler of <typeparamref name="TAgent"/> has an unsupported signature, or a
    /// declared task capability is unnamed, repeated or has a proficiency outside [0, 1].</exception>
    public static AgentTypeRegistration Create<TAgent>(string type, Func<ActorHost, TAgent>? factory = null, TimeSpan? idleTimeout = null)
        where TAgent : BaseAgent =>
        CreateFor(type, typeof(TAgent), factory, idleTimeout);

    /// <summary>Registers <paramref name="agentClass"/>, a class derived from <see cref="BaseAgent"/>, as agent type
    /// <paramref name="type"/>; its constructor gets the <see cref="ActorHost"/> and services. For classes named in configuration.</summary>
    /// <exception cref="ArgumentException"><paramref name="agentClass"/> is not a concrete <see cref="BaseAgent"/> class.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="Create{TAgent}"/>.</exception>
    public static AgentTypeRegistration Create(string type, Type agentClass, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(agentClass);
        if (!typeof(BaseAgent).IsAssignableFrom(agentClass) || agentClass.IsAbstract || agentClass.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{agentClass.FullName} is not a concrete class derived from {nameof(BaseAgent)}.", nameof(agentClass));
        }

        return CreateFor<BaseAgent>(type, agentClass, null, idleTimeout);
    }

    private static AgentTypeRegistration CreateFor<TAgent>(string type, Type agentClass, Func<ActorHost, TAgent>? factory, TimeSpan? idleTimeout)
        where TAgent : BaseAgent
    {
        ActorNames.ThrowIfInvalid(type, nameof(type));
        if (typeof(RoutedAgent).IsAssignableFrom(agentClass))
        {
            HandlerTable.For(agentClass);
        }

        if (factory is null)
        {
            var create = ActivatorUtilities.CreateFactory(agentClass, [typeof(ActorHost)]);
            factory = host => (TAgent)create(host.Services, [host]);
        }

        var subscriptions = new List<Subscription>();
        var capabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var attribute in agentClass.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case TypeSubscriptionAttribute typed:
                    subscriptions.Add(new TypeSubscription(typed.TopicType, type));
                    break;
                case DefaultSubscriptionAttribute:
                    subscriptions.Add(new TypeSubscription(DefaultTopicId.Type, type));
                    break;
                case TypePrefixSubscriptionAttribute prefixed:
                    subscriptions.Add(new TypePrefixSubscription(prefixed.TopicTypePrefix, type));
                    break;
                case TaskCapabilityAttribute capability:
                    if (string.IsNullOrWhiteSpace(capability.Name) || capability.Proficiency is not (>= 0 and <= 1) || !capabilities.TryAdd(capability.Name, capability.Proficiency))
                    {
                        throw new InvalidOperationException(
                            $"{agentClass.Name} declares task capability '{capability.Name}' with proficiency {capability.Proficiency}: names must be non-empty and unique, proficiencies in [0,1].");
                    }

                    break;
            }
        }

        var actorRegistration = new ActorTypeRegistration(type, factory) { IdleTimeout = idleTimeout };
        return new AgentTypeRegistration(type, agentClass, subscriptions, capabilities, actorRegistration);
    }
}
