using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace AgentPlatform.Client;

public sealed partial class AgentPlatformClient
{
    /// <summary>Posts a task's output (any JSON); the step it belongs to completes with it.</summary>
    /// <remarks><c>status</c> is <c>accepted</c>, <c>duplicate</c> (the same result again) or <c>late</c> (the task had
    /// already ended otherwise); the last two change nothing.</remarks>
    /// <exception cref="Errors.AgentPlatformPermissionDeniedException">The agent does not hold the task.</exception>
    public Task<TaskActResponse> PostResultAsync(string taskId, JsonNode? output, CancellationToken cancellationToken = default)
    {
        var value = JsonParser.Default.Parse<Value>(output?.ToJsonString() ?? "null");
        return InvokeAsync(_tasks.PostResultAsync(new PostResultRequest { TaskId = taskId, Output = value }, Call(cancellationToken)), cancellationToken);
    }

    /// <summary>Reports that the agent failed the task; the attempt fails with <paramref name="error"/>.</summary>
    public Task<TaskActResponse> FailTaskAsync(string taskId, string error, CancellationToken cancellationToken = default) =>
        InvokeAsync(_tasks.PostResultAsync(new PostResultRequest { TaskId = taskId, Error = error }, Call(cancellationToken)), cancellationToken);

    /// <summary>Extends the task's lease while the agent works on it.</summary>
    /// <exception cref="Errors.AgentPlatformConflictException">The task has ended; stop working on it.</exception>
    public Task<TaskActResponse> HeartbeatTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        InvokeAsync(_tasks.HeartbeatAsync(new TaskHeartbeatRequest { TaskId = taskId }, Call(cancellationToken)), cancellationToken);

    /// <summary>Hands a task back; the attempt fails and moves on to another agent.</summary>
    public Task<TaskActResponse> RejectTaskAsync(string taskId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var request = new RejectTaskRequest { TaskId = taskId };
        if (reason is not null)
        {
            request.Reason = reason;
        }

        return InvokeAsync(_tasks.RejectAsync(request, Call(cancellationToken)), cancellationToken);
    }
}
