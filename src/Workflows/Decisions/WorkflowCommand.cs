using System.Text.Json.Serialization;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>Something the decider wants done; every command corresponds to exactly one history event.</summary>
/// <remarks>The runner handles a decision in this order: append <see cref="ToEvent"/> of every command to the history
/// (durably), then perform the side effects (dispatch tasks, register or remove reminders). The decider treats a
/// command as done once its event is in the history and returns it again until then, so a crash between deciding
/// and appending loses nothing, and a crash after appending never repeats a completed task.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ScheduleTask), "schedule_task")]
[JsonDerivedType(typeof(CreateTimer), "create_timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel_timer")]
[JsonDerivedType(typeof(SkipStep), "skip_step")]
[JsonDerivedType(typeof(JoinBranches), "join_branches")]
[JsonDerivedType(typeof(RecordItems), "record_items")]
[JsonDerivedType(typeof(RecordPlan), "record_plan")]
[JsonDerivedType(typeof(CompleteWorkflow), "complete_workflow")]
[JsonDerivedType(typeof(FailWorkflow), "fail_workflow")]
public abstract record WorkflowCommand
{
    /// <summary>The history event the runner appends for this command.</summary>
    /// <param name="sequence">The sequence number the event gets.</param>
    /// <param name="timestamp">The runner's clock when appending.</param>
    public abstract WorkflowEvent ToEvent(long sequence, DateTimeOffset timestamp);
}
