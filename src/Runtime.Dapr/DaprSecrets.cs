using Dapr.Client;

namespace AgentPlatform.Runtime.Dapr;

/// <summary>Reads platform secrets from the Dapr secret store <see cref="DaprNames.Components.SecretStore"/>.</summary>
public static class DaprSecrets
{
    /// <summary>How long start-up waits for the sidecar to answer a secret read.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads the value of secret <paramref name="name"/>: its key of the same name, or its only key.</summary>
    /// <exception cref="InvalidOperationException">The secret is missing, has several keys but none named like it, or the
    /// sidecar did not answer within <see cref="ReadTimeout"/>.</exception>
    public static async Task<string> ReadAsync(DaprClient client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        Dictionary<string, string> secret;
        try
        {
            secret = await client.GetSecretAsync(DaprNames.Components.SecretStore, name, cancellationToken: timeout.Token);
        }
        catch (Exception error) when (error is global::Dapr.DaprException or OperationCanceledException)
        {
            throw new InvalidOperationException($"Secret '{name}' cannot be read from the Dapr secret store '{DaprNames.Components.SecretStore}': {error.Message}", error);
        }

        return secret.TryGetValue(name, out var value) ? value
            : secret.Count == 1 ? secret.Values.Single()
            : throw new InvalidOperationException(
                $"Secret '{name}' in the Dapr secret store '{DaprNames.Components.SecretStore}' has {secret.Count} keys and none named '{name}'.");
    }
}
