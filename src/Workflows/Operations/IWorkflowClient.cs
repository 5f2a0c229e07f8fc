using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Operations;

/// <summary>Registers definitions and starts, inspects, signals, terminates and purges workflow instances.</summary>
/// <remarks>Every operation completes once its effect is durable. Instance ids are chosen by the caller or generated;
/// starting an id that already runs the same definition id returns that instance (<see cref="WorkflowStartResult.Created"/>
/// false), starting it with another definition id is a <see cref="WorkflowConflictException"/>.</remarks>
public interface IWorkflowClient
{
    /// <summary>Validates and stores a definition version; registering identical content again is harmless.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition is invalid; every problem names its step and field.</exception>
    ValueTask<DefinitionRegistration> RegisterDefinitionAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Reads a definition version (the latest when <paramref name="version"/> is null), or null.</summary>
    ValueTask<WorkflowDefinition?> GetDefinitionAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>Lists every registered definition id with its versions.</summary>
    ValueTask<IReadOnlyList<WorkflowDefinitionInfo>> ListDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts an instance, or returns the existing one of the same id and definition id.</summary>
    /// <exception cref="ArgumentException">The instance id is a child id, which only an engine derives.</exception>
    /// <exception cref="WorkflowNotFoundException">The definition (version) is not registered.</exception>
    /// <exception cref="WorkflowInputException">The input does not match the definition's <c>inputs</c> hints.</exception>
    /// <exception cref="WorkflowConflictException">The instance id is used by another definition.</exception>
    ValueTask<WorkflowStartResult> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts an instance as <see cref="StartAsync"/> does, then waits until it has finished or <paramref name="wait"/> has
    /// passed: the result's state is the final state, or the state when the wait ended.</summary>
    /// <remarks>Observes finishes in this process only, as <see cref="WaitForCompletionAsync"/> does. The exceptions are those of
    /// <see cref="StartAsync"/>.</remarks>
    ValueTask<WorkflowStartResult> StartAndWaitAsync(WorkflowStartRequest request, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's state (status, current steps, per-step outputs and timings, error), or null.</summary>
    ValueTask<WorkflowInstanceState?> GetStatusAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's full history, or null.</summary>
    ValueTask<IReadOnlyList<WorkflowEvent>?> GetHistoryAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default);

    /// <summary>Completes when the instance has finished (completed, failed or terminated) and returns its final state.</summary>
    /// <remarks>Observes finishes in this process only.</remarks>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    ValueTask<WorkflowInstanceState> WaitForCompletionAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default);

    /// <summary>Delivers an external event; a wait step for <paramref name="eventName"/> consumes it, even one that starts later.</summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    /// <exception cref="WorkflowConflictException">The instance has finished.</exception>
    ValueTask<WorkflowInstanceState> RaiseEventAsync(WorkflowInstanceId instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken = default);

    /// <summary>Stops a running instance; results of its tasks that arrive later are ignored.</summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    /// <exception cref="WorkflowConflictException">The instance has already finished.</exception>
    ValueTask<WorkflowInstanceState> TerminateAsync(WorkflowInstanceId instanceId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished instance's history and index entry.</summary>
    /// <exception cref="WorkflowNotFoundException">The instance does not exist.</exception>
    /// <exception cref="WorkflowConflictException">The instance is still running.</exception>
    ValueTask PurgeAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken = default);

    /// <summary>Purges every finished instance whose status is in <paramref name="statuses"/> (all finished statuses when
    /// null or empty); answers how many were purged.</summary>
    ValueTask<int> PurgeFinishedAsync(IReadOnlyCollection<WorkflowStatus>? statuses = null, CancellationToken cancellationToken = default);

    /// <summary>Lists instances, optionally of one status, ordered by instance id.</summary>
    /// <param name="status">Only instances of this status; all when null.</param>
    /// <param name="limit">The page size, 1 to 1000.</param>
    /// <param name="after">The cursor of the previous page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<WorkflowInstancePage> ListInstancesAsync(WorkflowStatus? status = null, int limit = 100, string? after = null, CancellationToken cancellationToken = default);
}
