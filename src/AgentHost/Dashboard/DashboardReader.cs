using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.TaskQueues;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Reads what the dashboard shows and the JSON API does not answer for an operator: channels with their newest
/// messages (the channel API is for members), running workflow instances and tasks waiting for an agent.</summary>
public sealed class DashboardReader(ChannelService channels, IAgentIdentityStore agents, IWorkflowClient workflows, TaskQueueIndex queues)
{
    /// <summary>How many running instances the live feed follows at most.</summary>
    public const int MaxRunningInstances = 100;

    /// <summary>How many of a channel's newest messages are shown.</summary>
    public const int RecentMessages = 20;

    private static readonly Dictionary<string, SenderView> NoSenders = [];

    /// <summary>A page of channels, each with its newest messages.</summary>
    public async Task<ChannelActivityPageView> ReadChannelsAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var page = await channels.ListAsync(after, limit, cancellationToken);
        var views = new List<ChannelActivityView>(page.Channels.Count);
        foreach (var channel in page.Channels)
        {
            views.Add(await ReadActivityAsync(channel, 0, cancellationToken));
        }

        return new ChannelActivityPageView(views, page.NextCursor);
    }

    /// <summary>The channel with its messages after <paramref name="after"/>, at most the newest <see cref="RecentMessages"/>.</summary>
    public async Task<ChannelActivityView> ReadActivityAsync(ChannelInfo channel, long after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var from = Math.Max(after, channel.LastSequence - RecentMessages);
        if (from >= channel.LastSequence)
        {
            return new ChannelActivityView(channel, [], NoSenders);
        }

        IReadOnlyList<ChannelMessage> messages;
        try
        {
            messages = (await channels.ObserveAsync(ChannelId.Create(channel.Id), from, RecentMessages, cancellationToken)).Messages;
        }
        catch (ChannelNotFoundException)
        {
            return new ChannelActivityView(channel, [], NoSenders);
        }

        var senders = new Dictionary<string, SenderView>(StringComparer.Ordinal);
        foreach (var senderId in messages.Select(m => m.SenderId).Distinct(StringComparer.Ordinal))
        {
            if (await agents.GetAsync(senderId, cancellationToken) is { } profile)
            {
                senders[senderId] = new SenderView(profile.Name, profile.Emoji);
            }
        }

        return new ChannelActivityView(channel, messages, senders);
    }

    /// <summary>The states of the running instances, at most <see cref="MaxRunningInstances"/>.</summary>
    public async Task<IReadOnlyList<WorkflowInstanceState>> ReadRunningAsync(CancellationToken cancellationToken)
    {
        var page = await workflows.ListInstancesAsync(WorkflowStatus.Running, MaxRunningInstances, null, cancellationToken);
        var states = new List<WorkflowInstanceState>(page.Instances.Count);
        foreach (var instance in page.Instances)
        {
            if (await workflows.GetStatusAsync(instance.InstanceId, cancellationToken) is { } state)
            {
                states.Add(state);
            }
        }

        return states;
    }

    /// <summary>The tasks waiting for an agent in this process.</summary>
    public OpenTasksView ReadOpenTasks() => OpenTasksView.From(queues.Snapshot());

    /// <summary>The state of one instance, or null once purged.</summary>
    public async Task<WorkflowInstanceState?> ReadInstanceAsync(WorkflowInstanceId instanceId, CancellationToken cancellationToken) =>
        await workflows.GetStatusAsync(instanceId, cancellationToken);
}
