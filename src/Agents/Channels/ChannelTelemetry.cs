using System.Diagnostics;
using AgentPlatform.Runtime.Diagnostics;

namespace AgentPlatform.Agents.Channels;

/// <summary>The channel fan-out span: one per post, from the start of the channel's turn to the post's commit and the
/// wake-up of its recipients, parented on the post's <c>traceparent</c> (the request that posted it).</summary>
/// <remarks>Posts that arrive together are committed in one turn; each still gets its own span, in its own trace. A post
/// is one write whatever the member count, so the span carries the number of recipients woken rather than one span per
/// recipient.</remarks>
internal static class ChannelTelemetry
{
    private static readonly ActivitySource Source = new(PlatformTelemetry.ChannelsActivitySource);

    /// <summary>Records the spans of <paramref name="appended"/>, committed to <paramref name="channelId"/> in a turn that
    /// started at <paramref name="startedAt"/> and woke <paramref name="recipients"/> members.</summary>
    public static void Posted(string channelId, IReadOnlyList<ChannelMessage> appended, int recipients, DateTimeOffset startedAt, DateTimeOffset endedAt)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var ambient = Activity.Current;
        foreach (var message in appended)
        {
            using var span = Source.StartActivity($"channel post {channelId}", ActivityKind.Internal, TraceParents.ToContext(message.TraceParent), startTime: startedAt);
            if (span is null)
            {
                continue;
            }

            span.SetTag("channel.id", channelId);
            span.SetTag("message.id", message.Id);
            span.SetTag("message.sequence", message.Sequence);
            span.SetTag("message.priority", message.Priority.ToWire());
            span.SetTag("channel.recipients", recipients);
            span.SetEndTime(endedAt.UtcDateTime);
        }

        Activity.Current = ambient;
    }
}
