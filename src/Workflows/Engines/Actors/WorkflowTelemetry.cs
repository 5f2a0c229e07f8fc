using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentPlatform.Runtime.Diagnostics;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Turns the events one instance appends into metrics and step spans; one per instance activation.</summary>
/// <remarks>It sees only newly appended events (never replayed ones), so a restart does not count an instance twice.
/// A step span starts when its task is scheduled and ends when its result is appended; its parent is the activity
/// that was current when the task was scheduled (for example the HTTP request that started the instance). Spans of
/// steps in flight across a restart are not recorded: the parent context is kept in memory only.</remarks>
internal sealed class WorkflowTelemetry
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

    private readonly Dictionary<string, (TaskScheduled Scheduled, ActivityContext Parent)> _open = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="appended"/>, an event just added to the history of <paramref name="instanceId"/>.</summary>
    public void Record(string instanceId, WorkflowEvent appended)
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
            case TaskScheduled scheduled:
                _open[scheduled.TaskId] = (scheduled, Activity.Current?.Context ?? default);
                break;
            case TaskCompleted completed:
                Close(instanceId, completed.TaskId, completed.Timestamp, "completed", null);
                break;
            case TaskFailed failed:
                Close(instanceId, failed.TaskId, failed.Timestamp, "failed", failed.Error);
                break;
            default:
                break;
        }
    }

    private void Close(string instanceId, string taskId, DateTimeOffset endedAt, string outcome, string? error)
    {
        if (!_open.Remove(taskId, out var open))
        {
            return;
        }

        var scheduled = open.Scheduled;
        var step = new KeyValuePair<string, object?>("step", scheduled.StepId);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        Steps.Add(1, step, result);
        StepDuration.Record(Math.Max(0, (endedAt - scheduled.Timestamp).TotalSeconds), step, result);
        if (!Source.HasListeners())
        {
            return;
        }

        var ambient = Activity.Current;
        using var span = Source.StartActivity($"workflow step {scheduled.StepId}", ActivityKind.Internal, open.Parent, startTime: scheduled.Timestamp);
        if (span is not null)
        {
            span.SetTag("workflow.instance.id", instanceId);
            span.SetTag("workflow.step.id", scheduled.StepId);
            span.SetTag("workflow.task.id", taskId);
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
