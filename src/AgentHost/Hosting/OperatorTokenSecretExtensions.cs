using AgentPlatform.Runtime.Dapr;
using Dapr.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The operator token from the Dapr secret store (Dapr mode).</summary>
public static class OperatorTokenSecretExtensions
{
    /// <summary>Fills an empty <c>Api:OperatorToken</c> from secret <paramref name="secretName"/> of the Dapr secret store when
    /// the API options are first read (at start-up, as they are validated then); the configured value wins.</summary>
    public static IServiceCollection AddOperatorTokenFromSecretStore(this IServiceCollection services, string secretName)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretName);
        services.AddOptions<ApiOptions>().PostConfigure<DaprClient>((api, client) =>
        {
            if (string.IsNullOrEmpty(api.OperatorToken))
            {
                api.OperatorToken = DaprSecrets.ReadAsync(client, secretName).GetAwaiter().GetResult();
            }
        });
        return services;
    }
}
