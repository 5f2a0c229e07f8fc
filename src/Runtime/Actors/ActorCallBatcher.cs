namespace AgentPlatform.Runtime.Actors;

/// <summary>Sends items to actors with at most one call per actor in flight: items for an actor that arrive while a call to it is
/// in flight wait and travel together in its next call.</summary>
/// <remarks>
/// A turn of an actor that changes state ends in its own durable commit, and turns of one actor run one after another, so items
/// sent one call each could never share a commit: a burst of N items costs N commits in a row. Batched, the burst costs one call
/// and one commit for the first item and one for everything that queued behind it. Register one batcher per process and kind of
/// call. A call answers one reply per item, in the batch's order, and each caller completes with its item's reply; a failed call
/// fails every caller whose item it carried. A caller that stops waiting does not withdraw its item.
/// </remarks>
/// <typeparam name="TItem">What callers hand over.</typeparam>
/// <typeparam name="TReply">What a caller gets back for its item.</typeparam>
public sealed class ActorCallBatcher<TItem, TReply> : IDisposable
{
    private readonly Func<string, IReadOnlyList<TItem>, CancellationToken, ValueTask<IReadOnlyList<TReply>>> _send;
    private readonly Lock _gate = new();

    // Actor key to the items waiting for its next call; a key has an entry exactly while a call to it is in flight, and the
    // entry goes when the call returns with nothing waiting.
    private readonly Dictionary<string, List<Pending>> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates a batcher whose calls are made by <paramref name="send"/> (actor key, the batch, a token that is cancelled
    /// when the batcher is disposed), which answers one reply per item of the batch, in order.</summary>
    public ActorCallBatcher(Func<string, IReadOnlyList<TItem>, CancellationToken, ValueTask<IReadOnlyList<TReply>>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        _send = send;
    }

    /// <summary>How many actors have a call in flight (each keeps an entry only that long).</summary>
    public int KeysInFlight
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Hands <paramref name="item"/> to the actor <paramref name="key"/>: in a call made now, or in the next one when a
    /// call to that actor is in flight; completes with the call's reply for the item.</summary>
    public Task<TReply> SendAsync(string key, TItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pending = new Pending(item);
        bool first;
        lock (_gate)
        {
            first = !_waiting.TryGetValue(key, out var waiting);
            if (first)
            {
                _waiting.Add(key, []);
            }
            else
            {
                waiting!.Add(pending);
            }
        }

        if (first)
        {
            _ = SendBatchesAsync(key, [pending]);
        }

        return pending.Replied.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Cancels the calls still in flight; their callers see the cancellation.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    /// <summary>Sends <paramref name="batch"/>, then whatever queued for the actor meanwhile, until nothing waits.</summary>
    private async Task SendBatchesAsync(string key, List<Pending> batch)
    {
        while (true)
        {
            try
            {
                var items = new TItem[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    items[i] = batch[i].Item;
                }

                var replies = await _send(key, items, _stopping.Token);
                if (replies.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batched call to '{key}' answered {replies.Count} replies for {batch.Count} items.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Replied.TrySetResult(replies[i]);
                }
            }
            catch (Exception error)
            {
                foreach (var pending in batch)
                {
                    pending.Replied.TrySetException(error);
                }
            }

            lock (_gate)
            {
                var waiting = _waiting[key];
                if (waiting.Count == 0)
                {
                    _waiting.Remove(key);
                    return;
                }

                _waiting[key] = [];
                batch = waiting;
            }
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TReply> Replied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
