using System.Text.Json;

namespace AgentPlatform.Agents.Core;

/// <summary>Sends and publishes messages between agents, over the actor runtime and pub/sub.</summary>
/// <remarks>
/// <para>A direct message is one actor call to the recipient (<see cref="AgentId.ToActorId"/>) and returns the response of its
/// <see cref="RpcAttribute"/> handler. A published message goes through pub/sub and reaches, once per matching subscription's
/// agent, every subscribed agent except the sender; delivery is at-least-once, and agents drop a redelivery of an event they
/// handled recently (same message id).</para>
/// <para>Errors: <see cref="AgentNotFoundException"/> for a recipient whose type is not a registered agent type,
/// <see cref="CantHandleException"/> for a direct message no handler accepts, <see cref="OperationCanceledException"/> when the
/// caller's token is cancelled, <see cref="AgentCallTimeoutException"/> (a <see cref="TimeoutException"/>) when the timeout elapses.
/// An exception thrown by the handler itself reaches the sender of a direct message.</para>
/// </remarks>
public interface IAgentRuntime
{
    /// <summary>The subscriptions currently routing published messages in this process.</summary>
    IReadOnlyList<Subscription> Subscriptions { get; }

    /// <summary>Subscribes to the pub/sub topic carrying published agent messages. Idempotent.</summary>
    /// <remarks>Publishing starts the runtime by itself; a process that only receives events must call this at startup.</remarks>
    ValueTask StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends <paramref name="message"/> to <paramref name="recipient"/> and returns its response.</summary>
    /// <param name="message">The message; across processes it must be JSON-serializable.</param>
    /// <param name="recipient">The agent to call.</param>
    /// <param name="sender">The sending agent, or null for a call from outside any agent.</param>
    /// <param name="timeout">How long to wait for the response; null waits until <paramref name="cancellationToken"/> is cancelled.</param>
    /// <param name="cancellationToken">Cancels the wait; the token also reaches the handler.</param>
    /// <exception cref="AgentNotFoundException">The recipient's type is not a registered agent type.</exception>
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
    ValueTask PublishMessageAsync(
        object message, TopicId topic, AgentId? sender = null, string? messageId = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a subscription; adding one with the same <see cref="Subscription.Id"/> again does nothing.</summary>
    ValueTask AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Removes the subscription with <paramref name="subscriptionId"/>; an unknown id is ignored.</summary>
    ValueTask RemoveSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Asks an agent for its state snapshot (<see cref="RoutedAgent.SaveStateAsync"/>), persists it and returns it.</summary>
    /// <exception cref="AgentNotFoundException">The agent's type is not a registered agent type.</exception>
    ValueTask<JsonElement?> SaveAgentStateAsync(AgentId agent, CancellationToken cancellationToken = default);

    /// <summary>Loads <paramref name="state"/> into an agent (<see cref="RoutedAgent.LoadStateAsync"/>) and persists it.</summary>
    /// <exception cref="AgentNotFoundException">The agent's type is not a registered agent type.</exception>
    ValueTask LoadAgentStateAsync(AgentId agent, JsonElement state, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="agentType"/> is an agent type registered with this runtime.</summary>
    bool IsAgentType(string agentType);
}
