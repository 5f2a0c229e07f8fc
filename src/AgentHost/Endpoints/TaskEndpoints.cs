using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Tasks;
using AgentPlatform.Agents.Dispatch;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Tasks handed to external agents: results, lease heartbeats, rejections, and reading a task.</summary>
/// <remarks>Only the agent holding a task may act on it (403 otherwise, nothing changed). A second result of the same kind answers
/// <c>duplicate</c>, one for a task that already ended otherwise answers <c>late</c>; neither changes anything.</remarks>
public static class TaskEndpoints
{
    /// <summary>Maps <c>/api/v1/tasks</c>.</summary>
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var agents = endpoints.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAgentKey();
        agents.MapPost("/{id}/result", ResultAsync).WithName("PostTaskResult").AcceptsJson<TaskResultBody>();
        agents.MapPost("/results", ResultsAsync).WithName("PostTaskResults").AcceptsJson<TaskResultsBody>();
        agents.MapPost("/{id}/heartbeat", HeartbeatAsync).WithName("HeartbeatTask");
        agents.MapPost("/{id}/reject", RejectAsync).WithName("RejectTask").AcceptsJson<TaskRejectBody>();
        endpoints.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAgentOrOperator().MapGet("/{id}", GetAsync).WithName("GetTask");
        return endpoints;
    }

    private static async Task<Results<Ok<TaskActView>, ApiProblem>> ResultAsync(
        string id, HttpContext context, AgentTaskDispatcher tasks, IOptions<AgentTaskOptions> options)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadObjectAsync(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        using var document = body.Value!;
        var (act, invalid) = TaskResultBody.Read(document.RootElement, caller.AgentId, options.Value);
        return invalid ?? await ActAsync(id, act!, context, tasks);
    }

    /// <summary>Several results in one request, each applied as <c>POST /tasks/{id}/result</c> applies one; a task the caller does not
    /// hold gets its status in the answer (the others still take effect). Any invalid result refuses the whole request.</summary>
    private static async Task<Results<Ok<TaskResultsView>, ApiProblem>> ResultsAsync(
        HttpContext context, AgentTaskDispatcher tasks, IOptions<AgentTaskOptions> options)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadObjectAsync(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        using var document = body.Value!;
        var (results, invalid) = TaskResultsBody.Read(document.RootElement, caller.AgentId, options.Value);
        if (results is null)
        {
            return invalid!;
        }

        var replies = await Task.WhenAll(results.Select(r => tasks.ActAsync(r.TaskId, r.Act, context.RequestAborted).AsTask()));
        return TypedResults.Ok(new TaskResultsView([.. results.Select((r, i) => new TaskResultItemView(r.TaskId, replies[i].Status, replies[i].Task))]));
    }

    private static Task<Results<Ok<TaskActView>, ApiProblem>> HeartbeatAsync(string id, HttpContext context, AgentTaskDispatcher tasks) =>
        ActAsync(id, new TaskAct(context.GetAgentCaller().AgentId, TaskActKind.Heartbeat), context, tasks);

    private static async Task<Results<Ok<TaskActView>, ApiProblem>> RejectAsync(
        string id, HttpContext context, AgentTaskDispatcher tasks, IOptions<AgentTaskOptions> options)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadAsync<TaskRejectBody>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var reason = body.Value?.Reason;
        var errors = new List<FieldError>();
        TaskInput.ValidateRejectReason(reason, options.Value, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await ActAsync(id, new TaskAct(caller.AgentId, TaskActKind.Reject, Error: reason), context, tasks);
    }

    private static async Task<Results<Ok<AgentTaskStatus>, ApiProblem>> GetAsync(string id, HttpContext context, AgentTaskDispatcher tasks)
    {
        var task = await tasks.GetAsync(id, context.RequestAborted);
        if (task is null || (!context.IsOperator() && context.FindAgentCaller()?.AgentId != task.AgentId))
        {
            // An agent learns nothing about tasks it does not hold, not even that they exist.
            return UnknownTask(id);
        }

        return TypedResults.Ok(task);
    }

    private static async Task<Results<Ok<TaskActView>, ApiProblem>> ActAsync(string id, TaskAct act, HttpContext context, AgentTaskDispatcher tasks)
    {
        var reply = await tasks.ActAsync(id, act, context.RequestAborted);
        return reply.Status switch
        {
            TaskActStatus.NotFound => UnknownTask(id),
            TaskActStatus.NotAssigned => Problems.Forbidden(TaskActText.NotAssigned(act.AgentId, id)),
            TaskActStatus.Late when act.Kind == TaskActKind.Heartbeat => Problems.Conflict(TaskActText.Ended(id, reply.Task)),
            _ => TypedResults.Ok(new TaskActView(id, reply.Status, reply.Task!)),
        };
    }

    private static ApiProblem UnknownTask(string id) => Problems.NotFound($"No task '{Problems.Printable(id)}' (field 'id').");
}
