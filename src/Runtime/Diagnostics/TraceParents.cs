using System.Diagnostics;

namespace AgentPlatform.Runtime.Diagnostics;

/// <summary>W3C <c>traceparent</c> strings as the platform carries them in messages, tasks, events and workflow history,
/// so that spans built later (after a hop between actors, processes or a restart) land in the trace that caused them.</summary>
public static class TraceParents
{
    /// <summary>The current activity's <c>traceparent</c>, or null when there is no W3C activity.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>The parent context <paramref name="traceParent"/> names; <c>default</c> when it is null or not a valid <c>traceparent</c>.</summary>
    public static ActivityContext ToContext(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
}
