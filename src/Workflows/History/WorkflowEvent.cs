using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.History;

/// <summary>One entry of an instance's history; the closed family is told apart on the wire by <c>type</c>.</summary>
/// <remarks>The history is the only source of truth: the decider derives state and commands from it, and takes
/// "now" from the <see cref="Timestamp"/> of the latest event. Events are immutable once appended.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(WorkflowStarted), "workflow_started")]
[JsonDerivedType(typeof(TaskScheduled), "task_scheduled")]
[JsonDerivedType(typeof(TaskCompleted), "task_completed")]
[JsonDerivedType(typeof(TaskFailed), "task_failed")]
[JsonDerivedType(typeof(TimerCreated), "timer_created")]
[JsonDerivedType(typeof(TimerFired), "timer_fired")]
[JsonDerivedType(typeof(TimerCancelled), "timer_cancelled")]
[JsonDerivedType(typeof(EventRaised), "event_raised")]
[JsonDerivedType(typeof(BranchJoined), "branch_joined")]
[JsonDerivedType(typeof(StepSkipped), "step_skipped")]
[JsonDerivedType(typeof(ItemsRecorded), "items_recorded")]
[JsonDerivedType(typeof(PlanRecorded), "plan_recorded")]
[JsonDerivedType(typeof(WorkflowCompleted), "workflow_completed")]
[JsonDerivedType(typeof(WorkflowFailed), "workflow_failed")]
[JsonDerivedType(typeof(WorkflowTerminated), "workflow_terminated")]
public abstract record WorkflowEvent : IJsonOnDeserializing
{
    private int _schemaVersion = WorkflowSchema.CurrentVersion;

    /// <summary>The schema version the event was written with; <see cref="WorkflowSchema.CurrentVersion"/> for events
    /// created in code, <see cref="WorkflowSchema.LegacyVersion"/> for JSON without <c>v</c>.</summary>
    /// <remarks>Read persisted events through <see cref="WorkflowEventBatch"/>, which upcasts older versions; the decider
    /// refuses events of any other version than the current one.</remarks>
    [JsonPropertyName("v")]
    [JsonPropertyOrder(-1)]
    public int SchemaVersion
    {
        get => _schemaVersion;
        init => _schemaVersion = value;
    }

    /// <summary>The position of the event in its history, assigned by the runner (1 for the first event).</summary>
    [JsonPropertyName("seq")]
    public long Sequence { get; init; }

    /// <summary>When the runner appended the event; the decider's only clock.</summary>
    [JsonPropertyName("ts")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>An event read from JSON without a version was written before versioning existed.</summary>
    void IJsonOnDeserializing.OnDeserializing() => _schemaVersion = WorkflowSchema.LegacyVersion;
}
