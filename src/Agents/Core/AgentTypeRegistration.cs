using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Core;

/// <summary>An agent type: the routed agent class hosting it, its subscriptions and the actor type registration that hosts it.</summary>
/// <remarks>Pass <see cref="ActorRegistration"/> to the actor runtime and the registration itself to <see cref="AgentRuntime"/>;
/// <c>services.AddAgents().AddAgent&lt;TAgent&gt;(type)</c> does both.</remarks>
public sealed class AgentTypeRegistration
{
    private AgentTypeRegistration(string type, Type agentClass, IReadOnlyList<Subscription> subscriptions, ActorTypeRegistration actorRegistration)
    {
        Type = type;
        AgentClass = agentClass;
        Subscriptions = subscriptions;
        ActorRegistration = actorRegistration;
    }

    /// <summary>The agent type name, also the actor type name.</summary>
    public string Type { get; }

    /// <summary>The routed agent class.</summary>
    public Type AgentClass { get; }

    /// <summary>The subscriptions declared on the class with <see cref="TypeSubscriptionAttribute"/> and <see cref="TypePrefixSubscriptionAttribute"/>.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>The actor type registration hosting the agents.</summary>
    public ActorTypeRegistration ActorRegistration { get; }

    /// <summary>Registers <typeparamref name="TAgent"/> as agent type <paramref name="type"/>.</summary>
    /// <param name="type">The agent type name (actor name rules).</param>
    /// <param name="factory">Creates an agent for an activation; by default the constructor is called with the
    /// <see cref="ActorHost"/> and services from <see cref="ActorHost.Services"/>.</param>
    /// <param name="idleTimeout">How long an idle agent stays activated; null uses the runtime default.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not valid.</exception>
    /// <exception cref="InvalidOperationException">A handler of <typeparamref name="TAgent"/> has an unsupported signature.</exception>
    public static AgentTypeRegistration Create<TAgent>(string type, Func<ActorHost, TAgent>? factory = null, TimeSpan? idleTimeout = null)
        where TAgent : RoutedAgent
    {
        ActorNames.ThrowIfInvalid(type, nameof(type));
        HandlerTable.For(typeof(TAgent));
        if (factory is null)
        {
            var create = ActivatorUtilities.CreateFactory(typeof(TAgent), [typeof(ActorHost)]);
            factory = host => (TAgent)create(host.Services, [host]);
        }

        var subscriptions = new List<Subscription>();
        foreach (var attribute in typeof(TAgent).GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case TypeSubscriptionAttribute typed:
                    subscriptions.Add(new TypeSubscription(typed.TopicType, type));
                    break;
                case TypePrefixSubscriptionAttribute prefixed:
                    subscriptions.Add(new TypePrefixSubscription(prefixed.TopicTypePrefix, type));
                    break;
            }
        }

        var actorRegistration = new ActorTypeRegistration(type, factory) { IdleTimeout = idleTimeout };
        return new AgentTypeRegistration(type, typeof(TAgent), subscriptions, actorRegistration);
    }
}
