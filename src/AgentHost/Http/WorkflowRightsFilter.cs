using System.Text.Json;
using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.AgentHost.Http;

/// <summary>The one check of scoped workflow rights: operators pass; an agent passes only with the right the route needs, and an
/// instance it starts is recorded as its own.</summary>
/// <remarks>Apply after <see cref="ApiAuthorization.RequireAgentOrOperator"/>. <see cref="WorkflowRight.StartInstance"/> reads
/// <c>definition_id</c> from the (buffered) body, so the handler still reads the whole body itself; a body it cannot read is left
/// to the handler's problem answer. <see cref="WorkflowRight.RaiseEvent"/> reads the <c>{id}</c> route value. Denied → 403
/// <c>forbidden</c>, and nothing changes. An event a <c>wait</c> step guards with <c>approvers</c> is decided by
/// <see cref="EventApprovals"/> alone, for the operator too.</remarks>
public static class WorkflowRightsFilter
{
    /// <summary>Requires <paramref name="right"/> of agent callers.</summary>
    public static TBuilder RequireWorkflowRight<TBuilder>(this TBuilder builder, WorkflowRight right)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) => CheckAsync(context, next, right));

    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, WorkflowRight right)
    {
        var http = context.HttpContext;
        if (right == WorkflowRight.RaiseEvent && await EventApprovals.AllowsCallerAsync(http) is { } approver)
        {
            return approver ? await next(context) : Problems.Forbidden(EventApprovals.NotAnApprover);
        }

        if (http.FindAgentCaller() is not { } caller)
        {
            return await next(context);
        }

        var rights = http.RequestServices.GetRequiredService<IAgentRights>();
        if (right == WorkflowRight.RaiseEvent)
        {
            var target = http.Request.RouteValues["id"] as string ?? string.Empty;
            return await rights.CanRaiseEventAsync(caller.AgentId, target, http.RequestAborted)
                ? await next(context)
                : Problems.Forbidden("Agents may raise events only on instances they started or were handed a task of, with the raise_events right granted by the operator.");
        }

        http.Request.EnableBuffering();
        var body = await JsonBody.ReadObjectAsync(http);
        http.Request.Body.Position = 0;
        if (body.Problem is not null)
        {
            return await next(context);
        }

        string? definitionId;
        using (var document = body.Value!)
        {
            definitionId = document.RootElement.TryGetProperty("definition_id", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }

        if (definitionId is null || !await rights.CanStartAsync(caller.AgentId, definitionId, http.RequestAborted))
        {
            return Problems.Forbidden("Agents may start only instances of the definitions the operator granted them.");
        }

        var result = await next(context);
        if (Created(result) is { } instanceId)
        {
            await rights.RecordStartedAsync(caller.AgentId, instanceId, http.RequestAborted);
        }

        return result;
    }

    /// <summary>The id of the instance a start created (201), or null for any other answer (an existing instance is not the caller's).</summary>
    private static string? Created(object? result) =>
        EndpointResults.Unwrap(result) is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created } and IValueHttpResult { Value: WorkflowInstanceState state }
            ? state.InstanceId
            : null;
}
