using System.Text.Json;

namespace AgentPlatform.Agents.Core;

/// <summary>Sends and publishes messages between agents, over the actor runtime and pub/sub.</summary>
/// <remarks>
/// <para>A direct message is one actor call to the recipient (<see cref="AgentId.ToActorId"/>) and returns the response of its
/// <see cref="RpcAttribute"/> handler. A published message goes through pub/sub and reaches, once per matching subscription's
/// agent, every subscribed agent except the sender; delivery is at-least-once, and agents drop a redelivery of an event they
/// handled recently (same message id).</para>
/// <para>Errors: <see cref="AgentNotFoundException"/> (the lookup error) for a recipient whose type is not a registered agent type,
/// <see cref="UndeliverableException"/> for a message to a known agent that cannot be delivered (the runtime is stopped, or an
/// intervention dropped it: <see cref="MessageDroppedException"/>),
/// <see cref="CantHandleException"/> for a direct message no handler accepts, <see cref="OperationCanceledException"/> when the
/// caller's token is cancelled, <see cref="AgentCallTimeoutException"/> (a <see cref="TimeoutException"/>) when the timeout elapses.
/// An exception thrown by the handler itself reaches the sender of a direct message.</para>
/// </remarks>
public interface IAgentRuntime
{
    /// <summary>The subscriptions currently routing published messages in this process.</summary>
    IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>The wire names of message types, used for every message this runtime sends or publishes.</summary>
    MessageSerializerRegistry Serializers { get; }

    /// <summary>Subscribes to the pub/sub topic carrying published agent messages. Idempotent; starts a stopped runtime again.</summary>
    /// <remarks>Publishing starts the runtime by itself; a process that only receives events must call this at startup.</remarks>
    ValueTask StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops at once: no more events are delivered to this process's agents, and sending or publishing raises
    /// <see cref="UndeliverableException"/> until <see cref="StartAsync"/>. Handlers already running are not awaited; an event
    /// handler's token is cancelled when pub/sub ends the subscription, so use <see cref="StopWhenIdleAsync"/> to let work finish.</summary>
    ValueTask StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until no work is in flight, then stops as <see cref="StopAsync"/> does.</summary>
    /// <remarks>In flight: direct messages to this runtime's agent types that the actor runtime has accepted and not yet ended
    /// (queued or running; in Dapr mode, those this process serves or sent and still waits for), events being delivered in this
    /// process, and (with a pub/sub that delivers in process, as the embedded runtime's) events published here and not yet
    /// delivered, a retried one included. Work started by a handler before it returns keeps the runtime busy, so a chain of
    /// messages is waited for as a whole. <paramref name="cancellationToken"/> bounds the wait.</remarks>
    ValueTask StopWhenIdleAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops as <see cref="StopAsync"/> does once <paramref name="condition"/> holds; it is checked now and each time a
    /// piece of work in flight (see <see cref="StopWhenIdleAsync"/>) ends.</summary>
    ValueTask StopWhenAsync(Func<bool> condition, CancellationToken cancellationToken = default);

    /// <summary>The id of agent <paramref name="key"/> of <paramref name="type"/>; the agent is activated by its first message, or
    /// now when <paramref name="lazy"/> is false.</summary>
    /// <exception cref="AgentNotFoundException"><paramref name="type"/> is not a registered agent type.</exception>
    ValueTask<AgentId> GetAsync(string type, string key = AgentId.DefaultKey, bool lazy = true, CancellationToken cancellationToken = default);

    /// <summary>The type, key and description of <paramref name="agent"/>, without activating it.</summary>
    /// <exception cref="AgentNotFoundException">The agent's type is not a registered agent type.</exception>
    AgentMetadata GetAgentMetadata(AgentId agent);

    /// <summary>Adds an agent type while the runtime runs (AutoGen's <c>register_factory</c>), with its declared subscriptions.</summary>
    /// <exception cref="ArgumentException">The type is already registered.</exception>
    /// <exception cref="NotSupportedException">The actor runtime fixes its types at start-up (Dapr mode).</exception>
    ValueTask RegisterAgentTypeAsync(AgentTypeRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="message"/> to <paramref name="recipient"/> and returns its response.</summary>
    /// <param name="message">The message; across processes it must be JSON-serializable.</param>
    /// <param name="recipient">The agent to call.</param>
    /// <param name="sender">The sending agent, or null for a call from outside any agent.</param>
    /// <param name="timeout">How long to wait for the response; null waits until <paramref name="cancellationToken"/> is cancelled.</param>
    /// <param name="cancellationToken">Cancels the wait; the token also reaches the handler.</param>
    /// <exception cref="AgentNotFoundException">The recipient's type is not a registered agent type.</exception>
    /// <exception cref="UndeliverableException">The runtime is stopped.</exception>
    /// <exception cref="MessageDroppedException">An intervention dropped the message or its response.</exception>
    /// <exception cref="CantHandleException">No handler of the recipient accepts the message.</exception>
    /// <exception cref="AgentCallTimeoutException">The timeout elapsed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<object?> SendMessageAsync(
        object message, AgentId recipient, AgentId? sender = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes <paramref name="message"/> to <paramref name="topic"/>; completes when pub/sub accepted it.</summary>
    /// <param name="message">The message; across processes it must be JSON-serializable.</param>
    /// <param name="topic">The topic; subscriptions matching it pick the recipients.</param>
    /// <param name="sender">The publishing agent, which does not receive its own message.</param>
    /// <param name="messageId">The message id; publishing again with the same id is de-duplicated by recipients that handled it recently.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <exception cref="UndeliverableException">The runtime is stopped.</exception>
    /// <exception cref="MessageDroppedException">An intervention dropped the message.</exception>
    ValueTask PublishMessageAsync(
        object message, TopicId topic, AgentId? sender = null, string? messageId = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a subscription; adding one with the same <see cref="Subscription.Id"/> again does nothing.</summary>
    ValueTask AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Removes the subscription with <paramref name="subscriptionId"/>; an unknown id is ignored.</summary>
    ValueTask RemoveSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Asks an agent for its state snapshot (<see cref="BaseAgent.SaveStateAsync"/>), persists it and returns it.</summary>
    /// <exception cref="AgentNotFoundException">The agent's type is not a registered agent type.</exception>
    ValueTask<JsonElement?> SaveAgentStateAsync(AgentId agent, CancellationToken cancellationToken = default);

    /// <summary>Loads <paramref name="state"/> into an agent (<see cref="BaseAgent.LoadStateAsync"/>) and persists it.</summary>
    /// <exception cref="AgentNotFoundException">The agent's type is not a registered agent type.</exception>
    ValueTask LoadAgentStateAsync(AgentId agent, JsonElement state, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="agentType"/> is an agent type registered with this runtime.</summary>
    bool IsAgentType(string agentType);
}
