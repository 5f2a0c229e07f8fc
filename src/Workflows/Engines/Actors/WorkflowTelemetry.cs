using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Turns the events an instance appends into metrics and step spans.</summary>
/// <remarks>It is told only of newly appended events (never replayed ones), so a restart does not count an instance twice.
/// A step span starts when its task is scheduled and ends when its result is appended; its parent is the
/// <c>traceparent</c> recorded in the <c>task_scheduled</c> event (the activity current when the task was scheduled, or
/// the one the instance was started under). Because that is in the history, a step in flight across a restart still
/// gets its span, with its original start time and parent, when its result arrives.</remarks>
internal static class WorkflowTelemetry
{
    private static readonly Meter Meter = new(PlatformTelemetry.WorkflowsMeter);
    private static readonly ActivitySource Source = new(PlatformTelemetry.WorkflowsActivitySource);
    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "agentplatform.workflows.instances.started", "{instance}", "Workflow instances started.");
    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "agentplatform.workflows.instances.finished", "{instance}", "Workflow instances finished, tagged with outcome (completed, failed, terminated).");
    private static readonly Counter<long> Steps = Meter.CreateCounter<long>(
        "agentplatform.workflows.steps", "{attempt}", "Task attempts that ended, tagged with step and outcome (completed, failed).");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "agentplatform.workflows.step.duration", "s", "Time from scheduling a task attempt to its result, tagged with step and outcome.");

    /// <summary>Records <paramref name="appended"/>, an event just added to the history of <paramref name="instanceId"/>;
    /// <paramref name="ended"/> is the <c>task_scheduled</c> of the awaited task it answers, if it is a task's result.</summary>
    public static void Record(string instanceId, WorkflowEvent appended, TaskScheduled? ended)
    {
        switch (appended)
        {
            case WorkflowStarted:
                Started.Add(1);
                break;
            case WorkflowCompleted:
                Finished.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
                break;
            case WorkflowFailed:
                Finished.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                break;
            case WorkflowTerminated:
                Finished.Add(1, new KeyValuePair<string, object?>("outcome", "terminated"));
                break;
            case TaskCompleted completed when ended is not null:
                Close(instanceId, ended, completed.Timestamp, "completed", null);
                break;
            case TaskFailed failed when ended is not null:
                Close(instanceId, ended, failed.Timestamp, "failed", failed.Error);
                break;
            default:
                break;
        }
    }

    private static void Close(string instanceId, TaskScheduled scheduled, DateTimeOffset endedAt, string outcome, string? error)
    {
        var step = new KeyValuePair<string, object?>("step", scheduled.StepId);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        Steps.Add(1, step, result);
        StepDuration.Record(Math.Max(0, (endedAt - scheduled.Timestamp).TotalSeconds), step, result);
        if (!Source.HasListeners())
        {
            return;
        }

        var ambient = Activity.Current;
        using var span = Source.StartActivity($"workflow step {scheduled.StepId}", ActivityKind.Internal, TraceParents.ToContext(scheduled.TraceParent), startTime: scheduled.Timestamp);
        if (span is not null)
        {
            span.SetTag("workflow.instance.id", instanceId);
            span.SetTag("workflow.step.id", scheduled.StepId);
            span.SetTag("workflow.task.id", scheduled.TaskId);
            span.SetTag("workflow.task.attempt", scheduled.Attempt);
            if (error is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, error);
            }

            span.SetEndTime(endedAt.UtcDateTime);
        }

        Activity.Current = ambient;
    }
}
