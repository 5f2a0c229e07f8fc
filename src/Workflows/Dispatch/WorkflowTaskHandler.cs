using System.Text.Json;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Runs one task in process and returns its output; throwing reports the task as failed.</summary>
/// <param name="task">The task, with its idempotency key <see cref="WorkflowTask.TaskId"/>.</param>
/// <param name="cancellationToken">Cancelled when the host shuts down.</param>
public delegate ValueTask<JsonElement> WorkflowTaskHandler(WorkflowTask task, CancellationToken cancellationToken);
