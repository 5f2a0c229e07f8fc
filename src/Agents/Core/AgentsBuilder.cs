using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Core;

/// <summary>Registers agent types and subscriptions with the service collection; returned by <c>AddAgents</c>.</summary>
public sealed class AgentsBuilder
{
    internal AgentsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers <typeparamref name="TAgent"/> as agent type <paramref name="type"/>: its actor type and its declared subscriptions.</summary>
    /// <param name="type">The agent type name (actor name rules).</param>
    /// <param name="factory">Creates an agent for an activation; by default the constructor gets the <see cref="ActorHost"/> and services.</param>
    /// <param name="idleTimeout">How long an idle agent stays activated; null uses the runtime default.</param>
    /// <exception cref="InvalidOperationException">A handler of <typeparamref name="TAgent"/> has an unsupported signature.</exception>
    public AgentsBuilder AddAgent<TAgent>(string type, Func<ActorHost, TAgent>? factory = null, TimeSpan? idleTimeout = null)
        where TAgent : BaseAgent
    {
        return AddAgent(AgentTypeRegistration.Create(type, factory, idleTimeout));
    }

    /// <summary>Registers <paramref name="registration"/>'s agent type: its actor type and its declared subscriptions.</summary>
    public AgentsBuilder AddAgent(AgentTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Services.AddSingleton(registration);
        Services.AddActorType(registration.ActorRegistration);
        return this;
    }

    /// <summary>Names <typeparamref name="TMessage"/> <paramref name="wireName"/> on the wire, also accepting <paramref name="aliases"/>
    /// on receipt; see <see cref="MessageSerializerRegistry"/>.</summary>
    public AgentsBuilder AddMessageType<TMessage>(string wireName, params string[] aliases) =>
        AddMessageType(new MessageTypeRegistration(typeof(TMessage), wireName, aliases));

    /// <summary>Adds <paramref name="registration"/> to the <see cref="MessageSerializerRegistry"/>.</summary>
    public AgentsBuilder AddMessageType(MessageTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        Services.AddSingleton(registration);
        return this;
    }

    /// <summary>Adds an intervention handler, resolved from the services, after those already added.</summary>
    public AgentsBuilder AddIntervention<THandler>()
        where THandler : InterventionHandler
    {
        Services.AddSingleton<InterventionHandler, THandler>();
        return this;
    }

    /// <summary>Adds <paramref name="handler"/> as an intervention handler, after those already added.</summary>
    public AgentsBuilder AddIntervention(InterventionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.AddSingleton(handler);
        return this;
    }

    /// <summary>Adds a subscription routing published messages to agents.</summary>
    public AgentsBuilder AddSubscription(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        Services.AddSingleton(subscription);
        return this;
    }
}
