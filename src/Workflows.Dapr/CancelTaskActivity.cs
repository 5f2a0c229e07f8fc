using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Tells the dispatch port that the orchestration stopped waiting for a task (an attempt timeout, an abandoned
/// branch, the end of the run), so the agent holding it can stop.</summary>
/// <remarks>Cancelling a task that already ended is a no-op in the dispatcher, so a rerun after a crash is harmless.
/// A child workflow's attempt is cancelled by terminating the child, unless another attempt of the step has replaced it.</remarks>
public sealed class CancelTaskActivity(IWorkflowTaskDispatcher dispatcher, DaprWorkflowClient client) : WorkflowActivity<string, bool>
{
    /// <summary>The Dapr activity name.</summary>
    public const string Name = "agent-platform-cancel-task";

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        var request = JsonSerializer.Deserialize<Request>(input, WorkflowJson.Options)
            ?? throw new ArgumentException("The activity input is empty.", nameof(input));
        if (request.ChildInstanceId is { } child)
        {
            await client.TerminateChildAsync(child, request.TaskId, request.Reason, CancellationToken.None);
            return true;
        }

        await dispatcher.CancelAsync(request.TaskId, request.Reason);
        return true;
    }

    /// <summary>The activity input.</summary>
    /// <param name="TaskId">The task the orchestration no longer waits for.</param>
    /// <param name="Reason">Why, for the agent.</param>
    /// <param name="ChildInstanceId">The child workflow the task runs, for a <c>workflow</c> step's attempt; else null.</param>
    public sealed record Request(
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("child_instance_id")] string? ChildInstanceId = null);
}
