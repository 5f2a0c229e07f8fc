using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's health and metadata endpoints: <c>/v1.0/healthz</c> is ready once the app answered,
/// <c>/v1.0/healthz/outbound</c> as soon as the sidecar listens (what the SDK's <c>WaitForSidecarAsync</c> polls).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/healthz", (Sidecar sidecar) => sidecar.IsAppReady
            ? Results.NoContent()
            : DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_HEALTH_NOT_READY", "dapr is not ready: the app has not answered yet"));
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        app.MapGet("/v1.0/metadata", (Sidecar sidecar, ClusterRuntime cluster) => Results.Json(new Dictionary<string, object>
        {
            ["id"] = cluster.Options.AppId,
            ["runtimeVersion"] = "1.19.0-test-double",
            ["actorRuntime"] = new Dictionary<string, object>
            {
                ["runtimeStatus"] = sidecar.IsAppReady ? "RUNNING" : "INITIALIZING",
                ["hostReady"] = sidecar.CanServe,
                ["activeActors"] = cluster.Actors.ActiveOn(sidecar.Replica).GroupBy(key => key.Type)
                    .Select(group => new Dictionary<string, object> { ["type"] = group.Key, ["count"] = group.Count() }).ToList(),
            },
            ["components"] = cluster.Components.All.Select(component => new Dictionary<string, string>
            {
                ["name"] = component.Name, ["type"] = component.Type, ["version"] = "v1",
            }).ToList(),
            ["subscriptions"] = sidecar.Subscriptions.Select(subscription => new Dictionary<string, object?>
            {
                ["pubsubname"] = subscription.PubsubName, ["topic"] = subscription.Topic, ["deadLetterTopic"] = subscription.DeadLetterTopic,
            }).ToList(),
        }));
    }
}
