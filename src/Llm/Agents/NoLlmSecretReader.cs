namespace AgentPlatform.Llm.Agents;

/// <summary>No secret store: agents must reference keys of <c>Llm:Keys</c>.</summary>
internal sealed class NoLlmSecretReader : ILlmSecretReader
{
    public bool IsAvailable => false;

    public ValueTask<string> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("No secret store is configured; secrets are read only in Dapr mode.");
}
