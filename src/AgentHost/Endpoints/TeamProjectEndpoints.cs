using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Teams;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Agents.Teams;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Project runs of a team under <c>/api/v1/teams/{id}/projects</c>: start one (the operator, or an agent granted the right to
/// start the team's project definition <c>team.{id}</c>) and read its tree (the operator).</summary>
public static class TeamProjectEndpoints
{
    /// <summary>Maps the project routes.</summary>
    public static IEndpointRouteBuilder MapTeamProjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/teams/{id}/projects").WithTags("Teams");
        group.MapPost("/", StartAsync).WithName("StartTeamProject").AcceptsJson<TeamProjectStartBody>(isOptional: true).RequireAgentOrOperator();
        group.MapGet("/{run}", GetAsync).WithName("GetTeamProject").RequireOperatorToken();
        return endpoints;
    }

    private static async Task<Results<Created<TeamProjectView>, Ok<TeamProjectView>, ApiProblem>> StartAsync(
        string id, HttpContext context, ITeamStore teams, IWorkflowClient workflows, IAgentRights rights, IOptions<WorkflowLimitsOptions> limits)
    {
        var body = await JsonBody.ReadAsync<TeamProjectStartBody>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value ?? new TeamProjectStartBody();
        if (request.RunId is { } runId && !WorkflowInstanceId.IsValidRoot(runId))
        {
            return Problems.Validation("run_id", $"must be 1-{WorkflowInstanceId.MaxRootLength} characters of A-Z a-z 0-9 _ . -");
        }

        if (!TeamRules.IsTeamId(id) || await teams.GetAsync(id, context.RequestAborted) is not { } team)
        {
            return NotFound(id);
        }

        var caller = context.FindAgentCaller();
        if (caller is not null && !await rights.CanStartAsync(caller.AgentId, TeamProjectDefinition.IdFor(id), context.RequestAborted))
        {
            return Problems.Forbidden($"Agents may start projects of team '{id}' only with the right to start definition '{TeamProjectDefinition.IdFor(id)}', granted by the operator.");
        }

        var definition = await TeamDefinitions.ForStartAsync(team, workflows, limits.Value, context.RequestAborted);
        var instanceId = WorkflowInstanceId.Create(request.RunId ?? $"{id}-{Guid.CreateVersion7():N}");
        WorkflowStartResult started;
        try
        {
            started = await workflows.StartAsync(
                new WorkflowStartRequest { DefinitionId = definition.Id, Version = definition.Version, InstanceId = instanceId, Input = request.Input }, context.RequestAborted);
        }
        catch (Exception e) when (WorkflowEndpoints.ProblemFor(e) is { } failure)
        {
            return failure;
        }

        if (started.Instance.DefinitionId != definition.Id)
        {
            return Problems.Conflict($"Run id '{instanceId}' is taken by an instance of another definition.");
        }

        if (caller is not null && started.Created)
        {
            await rights.RecordStartedAsync(caller.AgentId, started.Instance.InstanceId, context.RequestAborted);
        }

        var view = await TeamProjectTree.ReadAsync(id, started.Instance, workflows, context.RequestAborted);
        return started.Created ? TypedResults.Created($"/api/v1/teams/{id}/projects/{instanceId}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<TeamProjectView>, ApiProblem>> GetAsync(string id, string run, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        if (!TeamRules.IsTeamId(id) || !WorkflowInstanceId.TryParse(run, out var instanceId)
            || await workflows.GetStatusAsync(instanceId, cancellationToken) is not { } state
            || TeamProjectDefinition.TeamOf(state.DefinitionId) != id)
        {
            return Problems.NotFound($"Team '{Problems.Printable(id)}' has no project run '{Problems.Printable(run)}'.");
        }

        return TypedResults.Ok(await TeamProjectTree.ReadAsync(id, state, workflows, cancellationToken));
    }

    private static ApiProblem NotFound(string id) => Problems.NotFound($"No team '{Problems.Printable(id)}' is declared.");
}
