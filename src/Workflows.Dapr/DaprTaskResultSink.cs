using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;
using Grpc.Core;
using SdkClient = global::Dapr.Workflow.DaprWorkflowClient;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Delivers task results to their orchestration as the <see cref="StepEngineSignal.TaskResult"/> external event,
/// addressed by the instance part of the task id.</summary>
/// <remarks>Raising the event is durable once it returns. A result for an instance that has finished or been purged is
/// ignored, as the contract allows; the orchestrator itself ignores results of tasks it no longer awaits.</remarks>
public sealed class DaprTaskResultSink(SdkClient client) : IWorkflowTaskResultSink
{
    /// <inheritdoc/>
    public async ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var taskId = WorkflowTaskId.Parse(result.TaskId);
        try
        {
            await client.RaiseEventAsync(taskId.InstanceId.Value, StepEngineSignal.TaskResult, JsonSerializer.Serialize(result, WorkflowJson.Options), cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // The instance is gone or finished: nobody awaits this result.
        }
    }
}
