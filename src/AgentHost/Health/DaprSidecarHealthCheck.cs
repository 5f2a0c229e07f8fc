using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Health;

/// <summary>In Dapr mode, asks the sidecar's own health endpoint and fails when it does not answer healthy within
/// <see cref="HealthOptions.SidecarBound"/>: without its sidecar the host can reach no actor, state or topic.</summary>
/// <remarks>daprd reports healthy only once it reached the app and loaded its configuration, so during start-up this check
/// keeps the replica out of rotation until the sidecar can route calls to it.</remarks>
internal sealed class DaprSidecarHealthCheck(DaprClient dapr, IOptions<HealthOptions> health) : IHealthCheck
{
    public const string Name = "dapr-sidecar";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bound = health.Value.SidecarBound;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            if (await dapr.CheckHealthAsync(timeout.Token))
            {
                return HealthCheckResult.Healthy("The Dapr sidecar answers healthy.");
            }

            // The SDK answers false both for an unreachable sidecar and for one not yet ready; the outbound probe tells them apart.
            return await dapr.CheckOutboundHealthAsync(timeout.Token)
                ? HealthCheckResult.Unhealthy("The Dapr sidecar answers but is not ready: it has not reached this app or loaded its configuration yet.")
                : HealthCheckResult.Unhealthy("The Dapr sidecar is unreachable.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The Dapr sidecar did not answer within {bound.TotalMilliseconds:F0} ms.");
        }
    }
}
