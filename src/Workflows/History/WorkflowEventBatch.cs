using System.Collections;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>A run of history events as persisted: a JSON array of events, each carrying its schema version.</summary>
/// <remarks>Reading upcasts events of older versions through <see cref="WorkflowUpcaster.Default"/> (events of the current
/// version are read directly); writing is exactly the array of events. Persist and load histories as this type, never
/// as a plain list of <see cref="WorkflowEvent"/>, so old histories keep replaying.</remarks>
[JsonConverter(typeof(WorkflowEventBatchJsonConverter))]
public sealed class WorkflowEventBatch : IReadOnlyList<WorkflowEvent>
{
    private readonly List<WorkflowEvent> _events;

    /// <summary>Wraps <paramref name="events"/> without copying them.</summary>
    public WorkflowEventBatch(List<WorkflowEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = events;
    }

    /// <inheritdoc/>
    public int Count => _events.Count;

    /// <inheritdoc/>
    public WorkflowEvent this[int index] => _events[index];

    /// <inheritdoc/>
    public IEnumerator<WorkflowEvent> GetEnumerator() => _events.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
