namespace AgentPlatform.Llm.Agents;

/// <summary>Reads an API key from a secret store (the Dapr secret store in Dapr mode), for agents registered with
/// <see cref="LlmAgentRegistration.ApiKeySecret"/>.</summary>
public interface ILlmSecretReader
{
    /// <summary>True when a secret store is configured.</summary>
    bool IsAvailable { get; }

    /// <summary>The value of secret <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The secret cannot be read.</exception>
    ValueTask<string> ReadAsync(string name, CancellationToken cancellationToken = default);
}
