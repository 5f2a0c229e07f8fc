using System.Text.Json;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Grpc.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api.Grpc;

/// <summary>agentplatform.v1.Tasks over <see cref="AgentTaskDispatcher"/>: only the holder acts on a task; duplicates and late
/// acts change nothing.</summary>
public sealed class TasksApi(AgentTaskDispatcher tasks, IOptions<AgentTaskOptions> options) : TaskService.TaskServiceBase
{
    /// <inheritdoc/>
    public override async Task<TaskActResponse> PostResult(PostResultRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        using var body = JsonDocument.Parse(ResultJson(request));
        var errors = new List<FieldError>();
        var act = TaskInput.ReadResult(body.RootElement, caller.AgentId, options.Value, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return await ActAsync(request.TaskId, act!, context);
    }

    /// <inheritdoc/>
    public override Task<TaskActResponse> Heartbeat(TaskHeartbeatRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return ActAsync(request.TaskId, new TaskAct(context.GetAgentCaller().AgentId, TaskActKind.Heartbeat), context);
    }

    /// <inheritdoc/>
    public override Task<TaskActResponse> Reject(RejectTaskRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var reason = request.HasReason ? request.Reason : null;
        var errors = new List<FieldError>();
        TaskInput.ValidateRejectReason(reason, options.Value, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return ActAsync(request.TaskId, new TaskAct(context.GetAgentCaller().AgentId, TaskActKind.Reject, Error: reason), context);
    }

    private async Task<TaskActResponse> ActAsync(string id, TaskAct act, ServerCallContext context)
    {
        if (id.Length == 0)
        {
            throw GrpcErrors.Validation("task_id", "is required");
        }

        var reply = await tasks.ActAsync(id, act, context.CancellationToken);
        return reply.Status switch
        {
            TaskActStatus.NotFound => throw GrpcErrors.NotFound($"No task '{ClientText.Printable(id)}' (field 'task_id')."),
            TaskActStatus.NotAssigned => throw GrpcErrors.PermissionDenied(TaskActText.NotAssigned(act.AgentId, id)),
            TaskActStatus.Late when act.Kind == TaskActKind.Heartbeat => throw GrpcErrors.FailedPrecondition(TaskActText.Ended(id, reply.Task)),
            _ => new TaskActResponse { TaskId = id, Status = TaskActText.Name(reply.Status), Task = WireViews.Task(reply.Task!) },
        };
    }

    /// <summary>The result as the JSON body of <c>POST /tasks/{id}/result</c>, so both APIs read it with <see cref="TaskInput.ReadResult"/>.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT naming <c>output</c>: a <c>google.protobuf.Value</c> in it has no kind set, so
    /// it has no JSON form.</exception>
    private static string ResultJson(PostResultRequest request) => request.OutcomeCase switch
    {
        PostResultRequest.OutcomeOneofCase.Output => $"{{\"output\":{OutputJson(request.Output)}}}",
        PostResultRequest.OutcomeOneofCase.Error => $"{{\"error\":{JsonSerializer.Serialize(request.Error)}}}",
        _ => "{}",
    };

    private static string OutputJson(Google.Protobuf.WellKnownTypes.Value output)
    {
        try
        {
            return JsonFormatter.Default.Format(output);
        }
        catch (InvalidOperationException)
        {
            throw GrpcErrors.Validation("output", "has a google.protobuf.Value with no kind set (none of null, number, string, bool, struct or list)");
        }
    }
}
