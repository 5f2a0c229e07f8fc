using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.Workflows.Ids;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Produces the dashboard's live updates into the <see cref="DashboardEventLog"/> while at least one page listens.</summary>
/// <remarks>
/// <para>Agent changes arrive as registry notifications (<see cref="AgentRegistryEntry.Topic"/>) and go out once per
/// <see cref="DashboardOptions.FeedInterval"/>, one entry per agent; when more than <see cref="MaxAgentsPerUpdate"/> changed
/// the update says <c>reset</c> and the page reloads the agents it shows. Channels and running workflow instances have no
/// notification a dashboard can follow, so each interval reads the first channels, the running instances and the waiting
/// tasks and sends what moved. With no page open nothing is read.</para>
/// </remarks>
public sealed class DashboardFeed(
    DashboardEventLog log,
    DashboardReader reader,
    ChannelService channels,
    IAgentRegistry registry,
    IPubSub pubSub,
    IOptions<DashboardOptions> options,
    IOptions<HttpJsonOptions> json,
    ILogger<DashboardFeed> logger) : BackgroundService
{
    /// <summary>The most agent changes one update carries.</summary>
    public const int MaxAgentsPerUpdate = 500;

    /// <summary>How many channels (in id order) are followed live.</summary>
    public const int FollowedChannels = 50;

    private readonly ConcurrentDictionary<string, AgentRegistryEntry> _changedAgents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _channelSequences = new(StringComparer.Ordinal);
    private readonly Dictionary<WorkflowInstanceId, long> _runningEvents = [];
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;
    private int _streams;
    private volatile bool _agentsOverflowed;
    private string? _lastCounts;
    private string? _lastTasks;

    /// <summary>How many pages listen now.</summary>
    public int Streams => Volatile.Read(ref _streams);

    /// <summary>Counts a new listening page; false when <see cref="DashboardOptions.MaxStreams"/> already listen.</summary>
    public bool TryOpenStream()
    {
        var opened = Interlocked.Increment(ref _streams);
        if (opened <= options.Value.MaxStreams)
        {
            return true;
        }

        Interlocked.Decrement(ref _streams);
        return false;
    }

    /// <summary>Counts a page that stopped listening.</summary>
    public void CloseStream() => Interlocked.Decrement(ref _streams);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var subscription = await pubSub.SubscribeAsync(new TopicSubscription(AgentRegistryEntry.Topic, OnAgentChanged), stoppingToken);
        using var timer = new PeriodicTimer(options.Value.FeedInterval);
        var listening = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Streams == 0)
            {
                if (listening)
                {
                    Forget();
                    listening = false;
                }

                continue;
            }

            listening = true;
            try
            {
                await PublishAgentsAsync(stoppingToken);
                await PublishChannelsAsync(stoppingToken);
                await PublishWorkflowsAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.DashboardFeedFailed(logger, error);
            }
        }
    }

    private ValueTask<DeliveryResult> OnAgentChanged(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (Streams == 0 || cloudEvent.GetData<AgentRegistryEntry>() is not { } entry)
        {
            return ValueTask.FromResult(DeliveryResult.Success);
        }

        if (_changedAgents.Count >= MaxAgentsPerUpdate && !_changedAgents.ContainsKey(entry.AgentId))
        {
            _agentsOverflowed = true;
        }
        else
        {
            _changedAgents.AddOrUpdate(entry.AgentId, entry, (_, known) => entry.Version > known.Version ? entry : known);
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }

    private async Task PublishAgentsAsync(CancellationToken cancellationToken)
    {
        var changed = new List<AgentChangeView>();
        foreach (var id in _changedAgents.Keys)
        {
            if (_changedAgents.TryRemove(id, out var entry))
            {
                changed.Add(AgentChangeView.From(entry));
            }
        }

        var reset = _agentsOverflowed;
        _agentsOverflowed = false;
        var counts = (await registry.CountByStatusAsync(cancellationToken))
            .OrderBy(c => c.Key)
            .ToDictionary(c => AgentStatusNames.Of(c.Key), c => c.Value, StringComparer.Ordinal);
        var countsJson = JsonSerializer.Serialize(counts, _json);
        if (changed.Count > 0 || reset || countsJson != _lastCounts)
        {
            _lastCounts = countsJson;
            Append(DashboardEvent.Agents, new AgentChangesView(changed, reset, counts));
        }
    }

    private async Task PublishChannelsAsync(CancellationToken cancellationToken)
    {
        var page = await channels.ListAsync(null, FollowedChannels, cancellationToken);
        foreach (var channel in page.Channels)
        {
            // A channel seen for the first time goes out with its newest messages: the page drops those it already has.
            var seen = _channelSequences.GetValueOrDefault(channel.Id, -1);
            if (channel.LastSequence > seen)
            {
                Append(DashboardEvent.Channel, await reader.ReadActivityAsync(channel, Math.Max(seen, 0), cancellationToken));
            }

            _channelSequences[channel.Id] = channel.LastSequence;
        }
    }

    private async Task PublishWorkflowsAsync(CancellationToken cancellationToken)
    {
        var running = await reader.ReadRunningAsync(cancellationToken);
        var stillRunning = new HashSet<WorkflowInstanceId>();
        foreach (var state in running)
        {
            var id = WorkflowInstanceId.Parse(state.InstanceId);
            stillRunning.Add(id);
            if (!_runningEvents.TryGetValue(id, out var seen) || seen != state.EventCount)
            {
                _runningEvents[id] = state.EventCount;
                Append(DashboardEvent.Workflow, WorkflowTimelineView.From(state));
            }
        }

        foreach (var finished in _runningEvents.Keys.Where(id => !stillRunning.Contains(id)).ToList())
        {
            _runningEvents.Remove(finished);
            if (await reader.ReadInstanceAsync(finished, cancellationToken) is { } state)
            {
                Append(DashboardEvent.Workflow, WorkflowTimelineView.From(state));
            }
        }

        var tasksJson = JsonSerializer.Serialize(reader.ReadOpenTasks(), _json);
        if (tasksJson != _lastTasks)
        {
            _lastTasks = tasksJson;
            log.Append(DashboardEvent.Tasks, tasksJson);
        }
    }

    private void Append<T>(string type, T data) => log.Append(type, JsonSerializer.Serialize(data, _json));

    /// <summary>Drops what was seen, so the next page to open starts from what it loads itself.</summary>
    private void Forget()
    {
        _changedAgents.Clear();
        _channelSequences.Clear();
        _runningEvents.Clear();
        _lastCounts = null;
        _lastTasks = null;
    }
}
