using AgentPlatform.DaprSidecar.Cluster;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's HTTP secrets API: <c>/v1.0/secrets/{store}/{name}</c> and <c>/v1.0/secrets/{store}/bulk</c>. An unknown
/// store answers 401 <c>ERR_SECRET_STORE_NOT_FOUND</c>, as daprd does.</summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1.0/secrets/{store}/bulk", (string store, ClusterRuntime cluster) =>
            !cluster.Secrets.Exists(store) ? StoreNotFound(store) : Results.Json(cluster.Secrets.All(store)));
        app.MapGet("/v1.0/secrets/{store}/{name}", (string store, string name, ClusterRuntime cluster) =>
            !cluster.Secrets.Exists(store) ? StoreNotFound(store)
            : cluster.Secrets.All(store).TryGetValue(name, out var secret) ? Results.Json(secret)
            : DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_SECRET_GET", $"failed getting secret with key {name} from secret store {store}: secret not found"));
    }

    private static IResult StoreNotFound(string store) =>
        DaprError.Of(StatusCodes.Status401Unauthorized, "ERR_SECRET_STORE_NOT_FOUND", $"failed finding secret store with key {store}");
}
