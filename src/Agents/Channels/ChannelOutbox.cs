using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Channels;

/// <summary>The outbound events of one channel activation — the cross-replica wake-up on <see cref="InboxWakeup.ChannelTopic"/>
/// and, for a channel that opted in, each message on <see cref="ChannelTopic.For"/> — published after the commit that made
/// them, in log order, by one background pump that retries until the broker accepts them.</summary>
/// <remarks>The actor persists <see cref="Published"/> with each commit, so what was committed but not yet published when the
/// process died is published again by the next activation (at least once; wake-ups are idempotent and topic events keep the
/// message id as event id). Wake-ups of commits that queue up while one is in flight are merged into one, with the newest head.</remarks>
internal sealed class ChannelOutbox
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly string _channelId;
    private readonly InboxSignals _signals;
    private readonly IPubSub? _pubSub;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<ChannelMessage> _messages = new();
    private volatile bool _stopped;
    private HashSet<string> _wake = new(StringComparer.Ordinal);
    private long _committed;
    private long _published;
    private Task? _pump;

    public ChannelOutbox(string channelId, long published, InboxSignals signals, IPubSub? pubSub, TimeProvider time, ILogger logger)
    {
        _channelId = channelId;
        _committed = published;
        _published = published;
        _signals = signals;
        _pubSub = pubSub;
        _time = time;
        _logger = logger;
    }

    /// <summary>The last sequence whose events the broker accepted (everything up to it is published).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Whether this host publishes anything at all: wake-ups to other replicas, or topic events.</summary>
    public static bool IsNeeded(InboxSignals signals, IPubSub? pubSub, ChannelProfile? profile) =>
        signals.IsRelayed || (pubSub is not null && profile?.PublishToTopic == true);

    /// <summary>Hands over the events of a commit up to <paramref name="head"/>: a wake-up for <paramref name="wake"/> and the
    /// <paramref name="messages"/> to publish on the channel topic (in log order). Call after the commit.</summary>
    public void Enqueue(long head, IEnumerable<string> wake, IEnumerable<ChannelMessage> messages)
    {
        lock (_gate)
        {
            _committed = Math.Max(_committed, head);
            if (_signals.IsRelayed)
            {
                _wake.UnionWith(wake);
            }

            if (_pubSub is not null)
            {
                foreach (var message in messages)
                {
                    _messages.Enqueue(message);
                }
            }

            _pump ??= Task.Run(PumpAsync);
        }
    }

    /// <summary>Stops publishing (the activation ends); what is left is published again by the next activation.</summary>
    public void Stop() => _stopped = true;

    private async Task PumpAsync()
    {
        var attempt = 0;
        while (!_stopped)
        {
            long head;
            HashSet<string> wake;
            ChannelMessage[] messages;
            lock (_gate)
            {
                if (_committed <= _published && _messages.Count == 0)
                {
                    _pump = null;
                    return;
                }

                head = _committed;
                wake = _wake;
                _wake = new(StringComparer.Ordinal);
                messages = [.. _messages];
            }

            try
            {
                foreach (var message in messages)
                {
                    await PublishMessageAsync(message);
                    lock (_gate)
                    {
                        _messages.Dequeue();
                    }
                }

                if (wake.Count > 0)
                {
                    await _signals.RelayChannelAsync(_channelId, head, [.. wake]);
                }

                Interlocked.Exchange(ref _published, head);
                attempt = 0;
            }
            catch (Exception error) when (!_stopped)
            {
                lock (_gate)
                {
                    _wake.UnionWith(wake);
                }

                attempt++;
                Log.ChannelEventsNotPublished(_logger, error, _channelId, head, attempt);
                var delay = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt - 1, 16)));
                await Task.Delay(delay, _time);
            }
        }
    }

    private ValueTask PublishMessageAsync(ChannelMessage message) => _pubSub!.PublishAsync(
        ChannelTopic.For(_channelId),
        message,
        new PublishOptions { Id = message.Id, Type = ChannelTopic.EventType, Subject = _channelId, TraceParent = message.TraceParent },
        CancellationToken.None);
}
