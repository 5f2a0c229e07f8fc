using System.Diagnostics;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>The W3C <c>traceparent</c> the engines record in <c>workflow_started</c> and <c>task_scheduled</c> and hand to agents
/// with each task, so a workflow's steps stay in the trace of the request that started it, across restarts too.</summary>
public static class WorkflowTraceParent
{
    /// <summary>The current activity's <c>traceparent</c>, or null when there is no W3C activity.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>The parent context <paramref name="traceParent"/> names; <c>default</c> when it is null or not a valid <c>traceparent</c>.</summary>
    public static ActivityContext ToContext(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
