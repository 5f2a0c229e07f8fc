using System.Text.Json;

namespace AgentPlatform.Agents.Core;

/// <summary>Typed conveniences over <see cref="IAgentRuntime"/>.</summary>
public static class AgentRuntimeExtensions
{
    /// <summary>Sends a direct message and returns the response as <typeparamref name="TResponse"/>, deserializing it when it
    /// crossed a process as JSON.</summary>
    /// <exception cref="InvalidCastException">The handler returned a value of another type.</exception>
    public static async ValueTask<TResponse?> SendMessageAsync<TResponse>(
        this IAgentRuntime runtime,
        object message,
        AgentId recipient,
        AgentId? sender = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return await runtime.SendMessageAsync(message, recipient, sender, timeout, cancellationToken) switch
        {
            null => default,
            TResponse typed => typed,
            JsonElement json => json.Deserialize<TResponse>(),
            var other => throw new InvalidCastException($"Agent {recipient} answered {other.GetType().Name}, not {typeof(TResponse).Name}."),
        };
    }
}
