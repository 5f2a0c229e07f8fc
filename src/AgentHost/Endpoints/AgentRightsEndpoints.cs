using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Workflows.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The operator's grants of scoped workflow rights to agents.</summary>
public static class AgentRightsEndpoints
{
    /// <summary>Maps <c>GET</c> and <c>PUT /api/v1/agents/{id}/rights</c>.</summary>
    public static IEndpointRouteBuilder MapAgentRightsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agents/{id}/rights").WithTags("Agents").RequireOperatorToken();
        group.MapGet("/", GetAsync).WithName("GetAgentRights");
        group.MapPut("/", SetAsync).WithName("SetAgentRights").AcceptsJson<AgentRightsView>();
        return endpoints;
    }

    private static async Task<Results<Ok<AgentRightsView>, ApiProblem>> GetAsync(
        string id, HttpContext context, IAgentIdentityStore store, IAgentRights rights) =>
        await store.GetAsync(id, context.RequestAborted) is null
            ? Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.")
            : TypedResults.Ok(AgentRightsView.From(await rights.GetAsync(id, context.RequestAborted)));

    private static async Task<Results<Ok<AgentRightsView>, ApiProblem>> SetAsync(
        string id, HttpContext context, IAgentIdentityStore store, IAgentRights rights)
    {
        var body = await JsonBody.ReadAsync<AgentRightsView>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        var definitions = request.StartDefinitions ?? [];
        if (definitions.Count > AgentRights.MaxStartDefinitions)
        {
            errors.Add(new FieldError("start_definitions", $"may name at most {AgentRights.MaxStartDefinitions} definitions"));
        }
        else
        {
            for (var i = 0; i < definitions.Count; i++)
            {
                if (!WorkflowNames.IsValidName(definitions[i]))
                {
                    errors.Add(new FieldError($"start_definitions[{i}]", WorkflowNames.NameRule));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await store.GetAsync(id, context.RequestAborted) is null)
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");
        }

        var granted = await rights.SetAsync(id, AgentRights.Create(definitions, request.RaiseEvents ?? false), context.RequestAborted);
        Log.RightsChanged(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentRightsEndpoints)), id, granted.StartDefinitions.Count, granted.RaiseEvents);
        return TypedResults.Ok(AgentRightsView.From(granted));
    }
}
