namespace AgentPlatform.Runtime.Actors;

/// <summary>Makes <see cref="ActorCallBatcher{TItem, TReply}"/>s whose calls answer for the whole batch.</summary>
public static class ActorCallBatcher
{
    /// <summary>Creates a batcher whose calls answer one reply for the whole batch, given to every caller whose item it carried.</summary>
    public static ActorCallBatcher<TItem, TReply> WithSharedReply<TItem, TReply>(
        Func<ActorId, IReadOnlyList<TItem>, CancellationToken, ValueTask<TReply>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        return new(async (actor, items, cancellationToken) =>
        {
            var reply = await send(actor, items, cancellationToken);
            return Enumerable.Repeat(reply, items.Count).ToArray();
        });
    }
}

/// <summary>Sends items to actors with at most one call per actor in flight: items for an actor that arrive while a call to it is
/// in flight wait and travel together in its next call.</summary>
/// <remarks>
/// A turn of an actor that changes state ends in its own durable commit, and turns of one actor run one after another, so items
/// sent one call each could never share a commit: a burst of N items costs N commits in a row. Batched, the burst costs one call
/// and one commit for the first item and one for everything that queued behind it. Register one batcher per process and kind of
/// call. A call answers one reply per item, in the batch's order (or one for the whole batch, see <see cref="ActorCallBatcher.WithSharedReply"/>), and
/// each caller completes with its item's reply; a failed call fails every caller whose item it carried. A caller that stops waiting
/// does not withdraw its item.
/// </remarks>
/// <typeparam name="TItem">What callers hand over.</typeparam>
/// <typeparam name="TReply">What a caller gets back for its item.</typeparam>
public sealed class ActorCallBatcher<TItem, TReply> : IDisposable
{
    private readonly Func<ActorId, IReadOnlyList<TItem>, CancellationToken, ValueTask<IReadOnlyList<TReply>>> _send;
    private readonly Lock _gate = new();

    // Actor to the items waiting for its next call; an actor has an entry exactly while a call to it is in flight, and the
    // entry goes when the call returns with nothing waiting.
    private readonly Dictionary<ActorId, List<Pending>> _waiting = [];
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates a batcher whose calls are made by <paramref name="send"/> (the actor, the batch, a token that is cancelled
    /// when the batcher is disposed), which answers one reply per item of the batch, in order.</summary>
    public ActorCallBatcher(Func<ActorId, IReadOnlyList<TItem>, CancellationToken, ValueTask<IReadOnlyList<TReply>>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        _send = send;
    }

    /// <summary>How many actors have a call in flight (each keeps an entry only that long).</summary>
    public int ActorsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Hands <paramref name="item"/> to <paramref name="actor"/>: in a call made now, or in the next one when a call to that
    /// actor is in flight; completes with the call's reply for the item.</summary>
    public Task<TReply> SendAsync(ActorId actor, TItem item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item);
        bool first;
        lock (_gate)
        {
            first = !_waiting.TryGetValue(actor, out var waiting);
            if (first)
            {
                _waiting.Add(actor, []);
            }
            else
            {
                waiting!.Add(pending);
            }
        }

        if (first)
        {
            _ = SendBatchesAsync(actor, [pending]);
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
    private async Task SendBatchesAsync(ActorId actor, List<Pending> batch)
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

                var replies = await _send(actor, items, _stopping.Token);
                if (replies.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A batched call to '{actor}' answered {replies.Count} replies for {batch.Count} items.");
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
                var waiting = _waiting[actor];
                if (waiting.Count == 0)
                {
                    _waiting.Remove(actor);
                    return;
                }

                _waiting[actor] = [];
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
