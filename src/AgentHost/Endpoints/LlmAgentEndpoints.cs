using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Llm;
using AgentPlatform.Llm;
using AgentPlatform.Llm.Agents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The operator's LLM agents: list every agent, register, replace and remove those managed through the API. Keys are never
/// accepted nor returned, only a reference to <c>Llm:Keys</c> or a Dapr secret.</summary>
public static class LlmAgentEndpoints
{
    /// <summary>Maps <c>/api/v1/llm/agents</c>.</summary>
    public static IEndpointRouteBuilder MapLlmAgentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/llm/agents").WithTags("LLM agents").RequireOperatorToken();
        group.MapGet("/", ListAsync).WithName("ListLlmAgents");
        group.MapGet("/{name}", GetAsync).WithName("GetLlmAgent");
        group.MapPut("/{name}", PutAsync).WithName("PutLlmAgent").AcceptsJson<LlmAgentRegistration>();
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteLlmAgent");
        return endpoints;
    }

    private static async Task<Ok<LlmAgentListView>> ListAsync(HttpContext context, IOptions<LlmOptions> options, LlmAgentCatalog catalog)
    {
        var registered = await catalog.ListRegisteredAsync(context.RequestAborted);
        var agents = options.Value.Agents.Select(a => LlmAgentView.Configured(a.Key, a.Value))
            .Concat(registered.Where(a => !catalog.IsConfigured(a.Key)).Select(a => LlmAgentView.Registered(a.Key, a.Value)))
            .OrderBy(a => a.Name, StringComparer.Ordinal);
        return TypedResults.Ok(new LlmAgentListView([.. agents]));
    }

    private static async Task<Results<Ok<LlmAgentView>, ApiProblem>> GetAsync(string name, HttpContext context, IOptions<LlmOptions> options, LlmAgentCatalog catalog)
    {
        if (options.Value.Agents.TryGetValue(name, out var configured))
        {
            return TypedResults.Ok(LlmAgentView.Configured(name, configured));
        }

        return (await catalog.ListRegisteredAsync(context.RequestAborted)).TryGetValue(name, out var stored)
            ? TypedResults.Ok(LlmAgentView.Registered(name, stored))
            : Problems.NotFound($"No LLM agent '{Problems.Printable(name)}'.");
    }

    private static async Task<Results<Created<LlmAgentView>, Ok<LlmAgentView>, ApiProblem>> PutAsync(string name, HttpContext context, LlmAgentCatalog catalog)
    {
        var body = await JsonBody.ReadAsync<LlmAgentRegistration>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var registration = body.Value!;
        if (catalog.Validate(name, registration) is { Count: > 0 } problems)
        {
            return catalog.IsConfigured(name)
                ? Problems.Conflict($"LLM agent '{Problems.Printable(name)}' is configured under {LlmOptions.SectionName}:Agents and cannot be changed through the API.")
                : Problems.Validation([.. problems.Select(p => new FieldError(p.Field, p.Message))]);
        }

        var stored = await catalog.PutAsync(name, registration, context.RequestAborted);
        var view = LlmAgentView.Registered(name, stored);
        return stored.Revision == 1 ? TypedResults.Created($"/api/v1/llm/agents/{name}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(string name, HttpContext context, LlmAgentCatalog catalog)
    {
        if (catalog.IsConfigured(name))
        {
            return Problems.Conflict($"LLM agent '{Problems.Printable(name)}' is configured under {LlmOptions.SectionName}:Agents and cannot be removed through the API.");
        }

        return await catalog.DeleteAsync(name, context.RequestAborted)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No LLM agent '{Problems.Printable(name)}' is registered.");
    }
}
