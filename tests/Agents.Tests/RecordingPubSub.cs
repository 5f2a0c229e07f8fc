using System.Collections.Concurrent;
using AgentPlatform.Runtime.PubSub;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests;

/// <summary>Wraps a pub/sub and records, per event id, when a subscriber's handler finished and what it answered.</summary>
/// <remarks>The agent runtime's handler returns only after every recipient's turn ended, so waiting for it makes "received
/// exactly once" and "not received" observable without sleeping.</remarks>
internal sealed class RecordingPubSub(IPubSub inner) : IPubSub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _finished = new(StringComparer.Ordinal);
    private readonly List<(string EventId, int Times, TaskCompletionSource Done)> _waiters = [];
    private readonly ConcurrentQueue<(string Topic, string EventId, DeliveryResult Result)> _log = new();

    public string Name => inner.Name;

    public bool DeliversInProcess => inner.DeliversInProcess;

    public IReadOnlyCollection<(string Topic, string EventId, DeliveryResult Result)> Log => _log;

    public ValueTask PublishAsync(string topic, object? data, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.PublishAsync(topic, data, options, cancellationToken);

    public ValueTask<IAsyncDisposable> SubscribeAsync(TopicSubscription subscription, CancellationToken cancellationToken = default) =>
        inner.SubscribeAsync(
            subscription with
            {
                Handler = async (cloudEvent, token) =>
                {
                    var result = await subscription.Handler(cloudEvent, token);
                    _log.Enqueue((cloudEvent.Topic, cloudEvent.Id, result));
                    if (result != DeliveryResult.Retry)
                    {
                        Finished(cloudEvent.Id);
                        Finished(TopicKey(cloudEvent.Topic));
                    }

                    return result;
                },
            },
            cancellationToken);

    /// <summary>Waits until subscribers finished the event <paramref name="eventId"/> <paramref name="times"/> times with a final answer (not a retry).</summary>
    public Task HandledAsync(string eventId, int times = 1)
    {
        lock (_gate)
        {
            if (_finished.GetValueOrDefault(eventId) >= times)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, times, done));
            return done.Task.WithTimeout(20);
        }
    }

    /// <summary>Waits until subscribers finished <paramref name="times"/> events of <paramref name="topic"/> in all, counted from the start.</summary>
    public Task TopicHandledAsync(string topic, int times) => HandledAsync(TopicKey(topic), times);

    private static string TopicKey(string topic) => "topic:" + topic;

    private void Finished(string eventId)
    {
        lock (_gate)
        {
            var count = _finished[eventId] = _finished.GetValueOrDefault(eventId) + 1;
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId && w.Times <= count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
