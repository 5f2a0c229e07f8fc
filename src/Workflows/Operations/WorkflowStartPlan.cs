using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Operations;

/// <summary>What every engine checks before starting an instance (a root or a child), and the index entry it writes first.</summary>
/// <param name="InstanceId">The requested or generated root instance id.</param>
/// <param name="Definition">The definition version to run.</param>
/// <param name="Summary">The index entry of the new instance (running, created now).</param>
public sealed record WorkflowStartPlan(WorkflowInstanceId InstanceId, WorkflowDefinition Definition, WorkflowInstanceSummary Summary)
{
    /// <summary>Validates <paramref name="request"/> as <see cref="IWorkflowClient.StartAsync"/> documents.</summary>
    /// <param name="request">The start request.</param>
    /// <param name="client">Where the definition is read.</param>
    /// <param name="now">The engine's clock.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async ValueTask<WorkflowStartPlan> PrepareAsync(WorkflowStartRequest request, IWorkflowClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = request.InstanceId ?? WorkflowInstanceId.New();
        if (instanceId.IsChild || instanceId.Value is null)
        {
            throw new ArgumentException($"'{instanceId}' is not the id of a new instance: choose a root id (1-{WorkflowInstanceId.MaxRootLength} characters of A-Z a-z 0-9 _ . -).", nameof(request));
        }

        var (definition, problems) = await ResolveAsync(client, request.DefinitionId, request.Version, request.Input, cancellationToken);
        if (definition is null)
        {
            throw new WorkflowNotFoundException("definition", request.Version is { } v ? $"{request.DefinitionId} v{v}" : request.DefinitionId);
        }

        return problems.Count > 0 ? throw new WorkflowInputException(problems) : For(instanceId, definition, now);
    }

    /// <summary>Checks the child workflow that the <c>workflow</c> step attempt <paramref name="schedule"/> starts, as
    /// <see cref="PrepareAsync"/> checks a root start: the plan, or the attempt's failure when the child's definition is
    /// not registered or the input does not match its <c>inputs</c>.</summary>
    /// <param name="schedule">The attempt; its <see cref="ScheduleTask.Workflow"/> names the child.</param>
    /// <param name="client">Where the definition is read.</param>
    /// <param name="now">The engine's clock.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The attempt does not run a child workflow.</exception>
    public static async ValueTask<(WorkflowStartPlan? Plan, WorkflowTaskResult? Failure)> PrepareChildAsync(
        ScheduleTask schedule, IWorkflowClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(client);
        var call = schedule.Workflow ?? throw new ArgumentException($"Task '{schedule.TaskId}' does not run a child workflow.", nameof(schedule));
        var (definition, problems) = await ResolveAsync(client, call.DefinitionId, call.Version, schedule.Input, cancellationToken);
        if (definition is null)
        {
            return (null, ChildWorkflowOutcome.MissingDefinition(schedule.TaskId, call));
        }

        return problems.Count > 0
            ? (null, ChildWorkflowOutcome.InvalidInput(schedule.TaskId, call, problems))
            : (For(WorkflowInstanceId.Parse(call.InstanceId), definition, now), null);
    }

    private static async ValueTask<(WorkflowDefinition? Definition, IReadOnlyList<WorkflowProblem> Problems)> ResolveAsync(
        IWorkflowClient client, string definitionId, int? version, JsonElement? input, CancellationToken cancellationToken)
    {
        var definition = await client.GetDefinitionAsync(definitionId, version, cancellationToken);
        return definition is null ? (null, []) : (definition, WorkflowInputValidator.Validate(definition, input));
    }

    private static WorkflowStartPlan For(WorkflowInstanceId instanceId, WorkflowDefinition definition, DateTimeOffset now) =>
        new(instanceId, definition, new WorkflowInstanceSummary
        {
            InstanceId = instanceId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            CreatedAt = now,
        });

    /// <summary>Refuses a start whose id is already indexed for another definition.</summary>
    /// <exception cref="WorkflowConflictException"><paramref name="existing"/> runs another definition id.</exception>
    public void ThrowIfConflict(WorkflowInstanceSummary? existing)
    {
        if (existing is not null && existing.DefinitionId != Definition.Id)
        {
            throw new WorkflowConflictException($"Instance '{InstanceId}' already exists and runs definition '{existing.DefinitionId}'.");
        }
    }
}
