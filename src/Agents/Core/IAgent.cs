namespace AgentPlatform.Agents.Core;

/// <summary>An agent as the runtime sees it: an id, a description and one entry point for every message it receives.</summary>
/// <remarks>Implement it by deriving from <see cref="BaseAgent"/> (one <see cref="OnMessageAsync"/> for everything) or from
/// <see cref="RoutedAgent"/> (handler methods chosen by message type); the runtime hosts every agent as the actor of the same
/// type and key, one message at a time.</remarks>
public interface IAgent
{
    /// <summary>This agent's id.</summary>
    AgentId AgentId { get; }

    /// <summary>This agent's type, key and description.</summary>
    AgentMetadata Metadata { get; }

    /// <summary>Handles a direct or published message; the result is the response to a direct message and ignored for an event.</summary>
    /// <param name="message">The message; one whose type name this process does not know arrives as its <see cref="System.Text.Json.JsonElement"/>.</param>
    /// <param name="context">The sender, topic, message id, type name and cancellation of this delivery.</param>
    ValueTask<object?> OnMessageAsync(object message, MessageContext context);
}
