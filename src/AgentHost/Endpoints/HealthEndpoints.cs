using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Liveness of the host itself.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", GetHealth).WithName("GetHealth").WithTags("Health");
        return endpoints;
    }

    private static Ok<HealthView> GetHealth() => TypedResults.Ok(new HealthView("healthy"));
}
