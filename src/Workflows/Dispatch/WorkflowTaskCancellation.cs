using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Why an engine tells the dispatcher to cancel a task it stopped waiting for, the same words in every engine.</summary>
public static class WorkflowTaskCancellation
{
    /// <summary>The reason given when a termination abandons the task.</summary>
    public const string Terminated = "the workflow instance was terminated";

    /// <summary>The reason for a task abandoned by the event <paramref name="incoming"/> (the one that ended the wait).</summary>
    public static string ReasonFor(WorkflowEvent incoming) => incoming switch
    {
        WorkflowTerminated => Terminated,
        TimerFired => "the attempt timed out (or a timeout ended its step)",
        _ => "the workflow no longer needs the task",
    };

    /// <summary>The tasks of <paramref name="history"/> that were scheduled and have neither completed nor failed.</summary>
    public static IReadOnlyList<string> Unfinished(IEnumerable<WorkflowEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var open = new List<string>();
        foreach (var e in history)
        {
            switch (e)
            {
                case TaskScheduled scheduled:
                    open.Add(scheduled.TaskId);
                    break;
                case TaskCompleted completed:
                    open.Remove(completed.TaskId);
                    break;
                case TaskFailed failed:
                    open.Remove(failed.TaskId);
                    break;
                default:
                    break;
            }
        }

        return open;
    }
}
