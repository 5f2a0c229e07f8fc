using System.Diagnostics;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Agents.Channels;

/// <summary>The W3C <c>traceparent</c> to stamp on a new message.</summary>
internal static class TraceContext
{
    /// <summary>The current activity's traceparent, or a fresh one when there is no W3C activity.</summary>
    public static string Current() =>
        TraceParents.Current() ?? $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
}
