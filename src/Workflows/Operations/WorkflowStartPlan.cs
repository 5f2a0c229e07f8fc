using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Operations;

/// <summary>What every engine checks before starting an instance, and the index entry it writes first.</summary>
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

        var definition = await client.GetDefinitionAsync(request.DefinitionId, request.Version, cancellationToken)
            ?? throw new WorkflowNotFoundException("definition", request.Version is { } v ? $"{request.DefinitionId} v{v}" : request.DefinitionId);
        var inputProblems = WorkflowInputValidator.Validate(definition, request.Input);
        if (inputProblems.Count > 0)
        {
            throw new WorkflowInputException(inputProblems);
        }

        var summary = new WorkflowInstanceSummary
        {
            InstanceId = instanceId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            CreatedAt = now,
        };
        return new WorkflowStartPlan(instanceId, definition, summary);
    }

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
