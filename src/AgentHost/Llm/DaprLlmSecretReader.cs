using AgentPlatform.Llm.Agents;
using AgentPlatform.Runtime.Dapr;
using Dapr.Client;

namespace AgentPlatform.AgentHost.Llm;

/// <summary>In Dapr mode, reads registered LLM agents' API keys from the Dapr secret store.</summary>
public sealed class DaprLlmSecretReader(DaprClient client) : ILlmSecretReader
{
    /// <inheritdoc/>
    public bool IsAvailable => true;

    /// <inheritdoc/>
    public async ValueTask<string> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        await DaprSecrets.ReadAsync(client, name, cancellationToken);
}
