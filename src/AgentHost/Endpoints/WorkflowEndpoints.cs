using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The workflow operations over HTTP under <c>/api/v1/workflows</c>, guarded by the operator token; starting instances and
/// raising events also accept agents holding the scoped right (<see cref="WorkflowRightsFilter"/>).</summary>
public static class WorkflowEndpoints
{
    private const int MaxWaitSeconds = 30;
    private const int MaxReportedProblems = 100;
    private const int MaxReasonLength = 2_000;

    /// <summary>Maps the definition and instance routes.</summary>
    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/workflows").WithTags("Workflows");
        group.MapPost("/definitions", RegisterDefinition).WithName("RegisterWorkflowDefinition").AcceptsJsonOrYaml<WorkflowDefinition>().RequireOperatorToken();
        group.MapGet("/definitions", ListDefinitions).WithName("ListWorkflowDefinitions").RequireOperatorToken();
        group.MapGet("/definitions/{id}", GetDefinition).WithName("GetWorkflowDefinition").RequireOperatorToken();
        group.MapGet("/definitions/{id}/versions/{version:int}", GetDefinitionVersion).WithName("GetWorkflowDefinitionVersion").RequireOperatorToken();
        group.MapPost("/instances", StartInstance).WithName("StartWorkflowInstance").AcceptsJson<StartInstanceBody>()
            .RequireAgentOrOperator().RequireWorkflowRight(WorkflowRight.StartInstance);
        group.MapGet("/instances", ListInstances).WithName("ListWorkflowInstances").RequireOperatorToken();
        group.MapPost("/instances/purge", PurgeFinished).WithName("PurgeWorkflowInstances").AcceptsJson<PurgeBody>(isOptional: true).RequireOperatorToken();
        group.MapGet("/instances/{id}", GetInstance).WithName("GetWorkflowInstance").RequireOperatorToken();
        group.MapGet("/instances/{id}/history", GetHistory).WithName("GetWorkflowInstanceHistory").RequireOperatorToken();
        group.MapPost("/instances/{id}/events/{name}", RaiseEvent).WithName("RaiseWorkflowEvent").AcceptsJson<RaiseEventBody>(isOptional: true)
            .RequireAgentOrOperator().RequireWorkflowRight(WorkflowRight.RaiseEvent);
        group.MapPost("/instances/{id}/terminate", Terminate).WithName("TerminateWorkflowInstance").AcceptsJson<TerminateBody>(isOptional: true).RequireOperatorToken();
        group.MapDelete("/instances/{id}", Purge).WithName("PurgeWorkflowInstance").RequireOperatorToken();
        return endpoints;
    }

    private static async Task<Results<Created<DefinitionView>, Ok<DefinitionView>, ApiProblem>> RegisterDefinition(
        HttpContext context, IWorkflowClient workflows, IOptions<WorkflowLimitsOptions> limitsOptions)
    {
        var yaml = DeclarationText.IsYaml(context.Request.ContentType);
        if (!yaml && !context.Request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(context.Request.ContentType);
        }

        var limits = limitsOptions.Value;
        var text = await DeclarationText.ReadAsync(context, limits.MaxDefinitionBytes);
        if (text is null)
        {
            return Problems.PayloadTooLarge(limits.MaxDefinitionBytes, $"{WorkflowLimitsOptions.SectionName}:{nameof(limits.MaxDefinitionBytes)}");
        }

        WorkflowDefinition definition;
        try
        {
            definition = yaml ? WorkflowDefinitionLoader.FromYaml(text, limits) : WorkflowDefinitionLoader.FromJson(text, limits);
        }
        catch (WorkflowDefinitionException e)
        {
            return DefinitionProblem(e.Problems);
        }

        var registration = await workflows.RegisterDefinitionAsync(definition, context.RequestAborted);
        var view = new DefinitionView(definition.Id, definition.Version, OutcomeName(registration.Outcome), registration.Definition);
        return registration.Outcome switch
        {
            DefinitionRegistrationOutcome.Created => TypedResults.Created($"/api/v1/workflows/definitions/{definition.Id}/versions/{definition.Version}", view),
            DefinitionRegistrationOutcome.Unchanged => TypedResults.Ok(view),
            _ => Problems.Conflict($"Definition '{definition.Id}' version {definition.Version} is already registered with different content; register a new version."),
        };
    }

    private static async Task<Ok<DefinitionListView>> ListDefinitions(IWorkflowClient workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DefinitionListView(await workflows.ListDefinitionsAsync(cancellationToken)));

    private static Task<Results<Ok<DefinitionView>, ApiProblem>> GetDefinition(string id, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        ReadDefinitionAsync(id, null, workflows, cancellationToken);

    private static async Task<Results<Ok<DefinitionView>, ApiProblem>> GetDefinitionVersion(
        string id, int version, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        version < 1
            ? Problems.Validation("version", "must be at least 1")
            : await ReadDefinitionAsync(id, version, workflows, cancellationToken);

    private static async Task<Results<Ok<DefinitionView>, ApiProblem>> ReadDefinitionAsync(
        string id, int? version, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var definition = await workflows.GetDefinitionAsync(id, version, cancellationToken);
        return definition is null
            ? Problems.NotFound(version is null ? $"No workflow definition '{id}' is registered." : $"Workflow definition '{id}' has no version {version}.")
            : TypedResults.Ok(new DefinitionView(definition.Id, definition.Version, "registered", definition));
    }

    /// <summary>Starts an instance; with <paramref name="wait"/> (seconds), answers once it has finished or the wait has passed.</summary>
    private static async Task<Results<Created<WorkflowInstanceState>, Ok<WorkflowInstanceState>, ApiProblem>> StartInstance(
        HttpContext context, int? wait, IWorkflowClient workflows)
    {
        if (WaitProblem(wait) is { } waitProblem)
        {
            return waitProblem;
        }

        var body = await JsonBody.ReadAsync<StartInstanceBody>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        if (!WorkflowNames.IsValidName(request.DefinitionId))
        {
            return Problems.Validation("definition_id", WorkflowNames.NameRule);
        }

        if (request.InstanceId is { } instanceId && !WorkflowInstanceId.IsValidRoot(instanceId))
        {
            return Problems.Validation("instance_id", $"must be 1-{WorkflowInstanceId.MaxRootLength} characters of A-Z a-z 0-9 _ . -");
        }

        if (request.Version is < 1)
        {
            return Problems.Validation("version", "must be at least 1");
        }

        try
        {
            var start = new WorkflowStartRequest
            {
                DefinitionId = request.DefinitionId,
                Version = request.Version,
                InstanceId = request.InstanceId is { } chosen ? WorkflowInstanceId.Create(chosen) : null,
                Input = request.Input,
            };
            var result = wait is > 0
                ? await workflows.StartAndWaitAsync(start, TimeSpan.FromSeconds(wait.Value), context.RequestAborted)
                : await workflows.StartAsync(start, context.RequestAborted);
            return result.Created
                ? TypedResults.Created($"/api/v1/workflows/instances/{result.Instance.InstanceId}", result.Instance)
                : TypedResults.Ok(result.Instance);
        }
        catch (Exception e) when (ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<WorkflowInstancePage>, ApiProblem>> ListInstances(
        string? status, int? limit, string? after, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        WorkflowStatus? wanted = null;
        if (status is not null)
        {
            if (!TryParseStatus(status, out var parsed))
            {
                return Problems.Validation("status", "must be one of pending, running, completed, failed, terminated");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > 1000)
        {
            return Problems.Validation("limit", "must be between 1 and 1000");
        }

        return TypedResults.Ok(await workflows.ListInstancesAsync(wanted, limit ?? 100, after, cancellationToken));
    }

    private static async Task<Results<Ok<WorkflowInstanceState>, ApiProblem>> GetInstance(
        string id, int? wait, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        if (WaitProblem(wait) is { } problem)
        {
            return problem;
        }

        if (!WorkflowInstanceId.TryParse(id, out var instanceId))
        {
            return InstanceNotFound(id);
        }

        if (wait is > 0)
        {
            // One read of the instance: the wait answers at once for an instance that has finished, and refuses an unknown one.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(wait.Value));
            try
            {
                return TypedResults.Ok(await workflows.WaitForCompletionAsync(instanceId, timeout.Token));
            }
            catch (WorkflowNotFoundException)
            {
                return InstanceNotFound(id);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still running when the wait ended: answer its state now.
            }
        }

        var state = await workflows.GetStatusAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return InstanceNotFound(id);
        }

        return TypedResults.Ok(state);
    }

    private static async Task<Results<Ok<HistoryView>, ApiProblem>> GetHistory(string id, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var history = WorkflowInstanceId.TryParse(id, out var instanceId) ? await workflows.GetHistoryAsync(instanceId, cancellationToken) : null;
        return history is null ? InstanceNotFound(id) : TypedResults.Ok(new HistoryView(id, history));
    }

    private static async Task<Results<Ok<WorkflowInstanceState>, ApiProblem>> RaiseEvent(
        string id, string name, HttpContext context, IWorkflowClient workflows)
    {
        if (!WorkflowNames.IsValidName(name))
        {
            return Problems.Validation("name", WorkflowNames.NameRule);
        }

        var body = await JsonBody.ReadAsync<RaiseEventBody>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return WorkflowInstanceId.TryParse(id, out var instanceId)
            ? await OperateAsync(() => workflows.RaiseEventAsync(instanceId, name, body.Value?.Payload, context.RequestAborted))
            : InstanceNotFound(id);
    }

    private static async Task<Results<Ok<WorkflowInstanceState>, ApiProblem>> Terminate(string id, HttpContext context, IWorkflowClient workflows)
    {
        var body = await JsonBody.ReadAsync<TerminateBody>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value?.Reason is { Length: > MaxReasonLength })
        {
            return Problems.Validation("reason", $"must be at most {MaxReasonLength} characters");
        }

        var reason = body.Value?.Reason ?? "Terminated by an operator.";
        return WorkflowInstanceId.TryParse(id, out var instanceId)
            ? await OperateAsync(() => workflows.TerminateAsync(instanceId, reason, context.RequestAborted))
            : InstanceNotFound(id);
    }

    private static async Task<Results<NoContent, ApiProblem>> Purge(string id, IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceId.TryParse(id, out var instanceId))
        {
            return InstanceNotFound(id);
        }

        try
        {
            await workflows.PurgeAsync(instanceId, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<PurgeView>, ApiProblem>> PurgeFinished(HttpContext context, IWorkflowClient workflows)
    {
        var body = await JsonBody.ReadAsync<PurgeBody>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        if (body.Value?.Statuses is { } statuses && statuses.Any(s => s is WorkflowStatus.Running or WorkflowStatus.Pending))
        {
            return Problems.Validation("statuses", "only completed, failed and terminated instances can be purged");
        }

        return TypedResults.Ok(new PurgeView(await workflows.PurgeFinishedAsync(body.Value?.Statuses?.ToList(), context.RequestAborted)));
    }

    private static async Task<Results<Ok<WorkflowInstanceState>, ApiProblem>> OperateAsync(Func<ValueTask<WorkflowInstanceState>> operation)
    {
        try
        {
            return TypedResults.Ok(await operation());
        }
        catch (Exception e) when (ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>400 <c>validation</c> with the first <see cref="MaxReportedProblems"/> problems of a definition, so a
    /// definition with thousands of faults still gets an answer of bounded size.</summary>
    private static ApiProblem DefinitionProblem(IReadOnlyList<WorkflowProblem> problems)
    {
        var errors = problems.Take(MaxReportedProblems).Select(p => new FieldError(p.Path, p.Message)).ToList();
        if (problems.Count > MaxReportedProblems)
        {
            errors.Add(new FieldError("$", $"and {problems.Count - MaxReportedProblems} more problems"));
        }

        return Problems.Validation(errors);
    }

    /// <summary>The problem answer for what starting an instance may throw (no definition, bad input, a conflict); null for anything else.</summary>
    internal static ApiProblem? ProblemFor(Exception exception) => exception switch
    {
        WorkflowNotFoundException e => Problems.NotFound(e.Message),
        WorkflowInputException e => DefinitionProblem(e.Problems),
        WorkflowConflictException e => Problems.Conflict(e.Message),
        _ => null,
    };

    /// <summary>The answer for an instance id that names no instance (an id that is not valid names none).</summary>
    private static ApiProblem InstanceNotFound(string id) => Problems.NotFound($"No workflow instance '{id}' exists.");

    private static string OutcomeName(DefinitionRegistrationOutcome outcome) => outcome switch
    {
        DefinitionRegistrationOutcome.Created => "created",
        DefinitionRegistrationOutcome.Unchanged => "unchanged",
        _ => "conflict",
    };

    // Exactly one status name: Enum.TryParse would also take numbers and comma lists ("running,failed").
    private static bool TryParseStatus(string text, out WorkflowStatus status)
    {
        var name = Enum.GetNames<WorkflowStatus>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        status = name is null ? default : Enum.Parse<WorkflowStatus>(name);
        return name is not null;
    }

    private static ApiProblem? WaitProblem(int? wait) =>
        wait is < 0 or > MaxWaitSeconds ? Problems.Validation("wait", $"must be between 0 and {MaxWaitSeconds} seconds") : null;
}
