using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using WireMessageKind = AgentPlatform.Grpc.V1.MessageKind;
using WirePriority = AgentPlatform.Grpc.V1.Priority;
using WireTaskStatus = AgentPlatform.Grpc.V1.TaskStatus;

namespace AgentPlatform.Api.Grpc;

/// <summary>Maps the platform's records to the agentplatform.v1 messages, field for field as the HTTP JSON views.</summary>
public static class WireViews
{
    /// <summary>An agent's profile and presence (HTTP <c>AgentView</c>).</summary>
    public static AgentView Agent(AgentProfile profile, AgentPresence presence)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(presence);
        var view = new AgentView
        {
            Id = profile.Id,
            Name = profile.Name,
            Description = profile.Description,
            Emoji = profile.Emoji ?? string.Empty,
            Status = AgentStatusNames.Of(presence.Status),
            LastHeartbeat = Time(presence.LastHeartbeat),
            CreatedAt = Time(profile.CreatedAt),
            Load = presence.Load,
            MaxConcurrentTasks = presence.MaxConcurrentTasks,
            TrackRecord = new TrackRecord
            {
                Successes = presence.TrackRecord.Successes,
                Failures = presence.TrackRecord.Failures,
                SuccessRate = presence.TrackRecord.SuccessRate,
            },
        };
        foreach (var (name, proficiency) in profile.Capabilities)
        {
            view.Capabilities[name] = proficiency;
        }

        if (presence.HeartbeatInterval is { } interval)
        {
            view.HeartbeatIntervalSeconds = interval.TotalSeconds;
        }

        if (AgentRoles.NameOf(profile.Role) is { } role)
        {
            view.Role = role;
        }

        if (presence.TrackRecord.LatencyEwmaMs is { } latency)
        {
            view.TrackRecord.LatencyEwmaMs = latency;
        }

        return view;
    }

    /// <summary>A channel (HTTP <c>ChannelInfo</c>).</summary>
    public static ChannelView Channel(ChannelInfo channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new ChannelView
        {
            Id = channel.Id,
            Name = channel.Name,
            Description = channel.Description,
            CreatedBy = channel.CreatedBy,
            CreatedAt = Time(channel.CreatedAt),
            MemberCount = channel.MemberCount,
            LastSequence = channel.LastSequence,
        };
    }

    /// <summary>A message (HTTP <c>MessageView</c>).</summary>
    public static Message Message(ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Message
        {
            Id = message.Id,
            ChannelId = message.ChannelId ?? string.Empty,
            SenderId = message.SenderId,
            Kind = message.Kind switch
            {
                Agents.Channels.MessageKind.Post => WireMessageKind.Post,
                Agents.Channels.MessageKind.System => WireMessageKind.System,
                Agents.Channels.MessageKind.Direct => WireMessageKind.Direct,
                Agents.Channels.MessageKind.Task => WireMessageKind.Task,
                Agents.Channels.MessageKind.Request => WireMessageKind.Request,
                _ => WireMessageKind.Unspecified,
            },
            Title = message.Title,
            Content = message.Content,
            Priority = message.Priority switch
            {
                MessagePriority.High => WirePriority.High,
                MessagePriority.Low => WirePriority.Low,
                _ => WirePriority.Normal,
            },
            CreatedAt = Time(message.CreatedAt),
            Sequence = message.Sequence,
            Traceparent = message.TraceParent ?? string.Empty,
            MetadataJson = message.Metadata?.GetRawText() ?? string.Empty,
        };
    }

    /// <summary>An inbox delivery.</summary>
    public static Delivery Delivery(InboxDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new Delivery { DeliveryId = delivery.DeliveryId, Attempt = delivery.Attempt, Message = Message(delivery.Message) };
    }

    /// <summary>A task as it stands (HTTP <c>TaskStatus</c>).</summary>
    public static WireTaskStatus Task(AgentTaskStatus task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new WireTaskStatus
        {
            TaskId = task.TaskId,
            StepId = task.StepId,
            Attempt = task.Attempt,
            State = TaskActText.Name(task.State),
            AgentId = task.AgentId ?? string.Empty,
            LeaseUntil = Time(task.LeaseUntil),
            Deadline = Time(task.Deadline),
            End = task.End is { } end ? TaskActText.Name(end) : string.Empty,
            Error = task.Error ?? string.Empty,
        };
    }

    /// <summary>The wire name of a request priority: null for UNSPECIFIED (the default), an unknown name for a value outside
    /// the enum so the shared validation names the field.</summary>
    public static string? PriorityName(WirePriority priority) => priority switch
    {
        WirePriority.Unspecified => null,
        WirePriority.High => "high",
        WirePriority.Normal => "normal",
        WirePriority.Low => "low",
        _ => ((int)priority).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Timestamp? Time(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
