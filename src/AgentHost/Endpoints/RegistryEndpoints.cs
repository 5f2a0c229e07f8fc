using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Registry;
using AgentPlatform.Agents.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Capability matching: which agents would take a piece of work, and why the others would not.</summary>
public static class RegistryEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    /// <summary>Maps <c>/api/v1/registry</c>.</summary>
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/registry").WithTags("Registry").RequireAgentOrOperator();
        group.MapGet("/match", MatchAsync).WithName("MatchAgents");
        return endpoints;
    }

    private static async Task<Results<Ok<MatchView>, ApiProblem>> MatchAsync(
        string? capabilities, [FromQuery(Name = "min_confidence")] string? minConfidence, string? role, string? agents, string? limit, HttpContext context, IAgentRegistry registry)
    {
        var errors = new List<FieldError>();
        var request = CapabilityQuery.Parse(capabilities, minConfidence, role, agents, errors);
        var count = (int)QueryInput.ParseWhole(limit, "limit", DefaultLimit, 1, MaxLimit, errors);
        if (request is null || errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(MatchView.From(request, await registry.MatchAsync(request, count, context.RequestAborted)));
    }
}
