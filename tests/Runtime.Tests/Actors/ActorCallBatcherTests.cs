using System.Collections.Concurrent;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;

namespace AgentPlatform.Runtime.Tests.Actors;

/// <summary>One call per actor key in flight; what arrives meanwhile goes in the next call, and every caller gets its item's reply
/// (or the failure) from the call that carried it.</summary>
public sealed class ActorCallBatcherTests
{
    private static readonly ActorId A = ActorId.Create("batched", "a");
    private static readonly ActorId B = ActorId.Create("batched", "b");

    [Fact]
    public async Task Items_sent_while_a_call_is_in_flight_go_together_in_the_next_call_and_each_caller_gets_its_calls_reply()
    {
        var calls = new ConcurrentQueue<(string Key, int[] Items)>();
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var batcher = new ActorCallBatcher<int, string>(async (actor, items, _) =>
        {
            calls.Enqueue((actor.Key, [.. items]));
            if (calls.Count == 1)
            {
                await firstCall.Task;
            }

            return [.. items.Select(item => $"{actor.Key}:{string.Join(",", items)}#{item}")];
        });

        var first = batcher.SendAsync(A, 1, TestTimeout.After());
        var queued = Enumerable.Range(2, 4).Select(n => batcher.SendAsync(A, n, TestTimeout.After())).ToList();
        var otherKey = await batcher.SendAsync(B, 9, TestTimeout.After());
        Assert.Equal(1, batcher.ActorsInFlight);
        firstCall.SetResult();

        Assert.Equal("a:1#1", await first);
        var replies = await Task.WhenAll(queued);
        Assert.Equal(["a:2,3,4,5#2", "a:2,3,4,5#3", "a:2,3,4,5#4", "a:2,3,4,5#5"], replies);
        Assert.Equal("b:9#9", otherKey);
        Assert.Equal([("a", [1]), ("b", [9]), ("a", [2, 3, 4, 5])], calls.Select(c => (c.Key, c.Items)).ToArray(), CallComparer.Instance);
        Assert.Equal(0, batcher.ActorsInFlight);
    }

    [Fact]
    public async Task A_failed_call_fails_only_the_callers_it_carried_and_the_next_batch_still_goes()
    {
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var batcher = new ActorCallBatcher<int, int>(async (_, items, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await firstCall.Task;
                throw new InvalidOperationException("the actor failed");
            }

            return [.. items.Select(_ => items.Sum())];
        });

        var failing = batcher.SendAsync(A, 1, TestTimeout.After());
        var next = new[] { batcher.SendAsync(A, 2, TestTimeout.After()), batcher.SendAsync(A, 3, TestTimeout.After()) };
        firstCall.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var replies = await Task.WhenAll(next);
        Assert.Equal([5, 5], replies);
        Assert.Equal(0, batcher.ActorsInFlight);
    }

    [Fact]
    public async Task A_caller_that_stops_waiting_is_cancelled_while_its_item_still_goes()
    {
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new ConcurrentQueue<int>();
        using var batcher = new ActorCallBatcher<int, bool>(async (_, items, _) =>
        {
            foreach (var item in items)
            {
                sent.Enqueue(item);
            }

            if (sent.Count == 1)
            {
                await firstCall.Task;
            }

            return [.. items.Select(_ => true)];
        });
        using var impatient = new CancellationTokenSource();

        var first = batcher.SendAsync(A, 1, TestTimeout.After());
        var abandoned = batcher.SendAsync(A, 2, impatient.Token);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        firstCall.SetResult();

        Assert.True(await first);
        await batcher.SendAsync(A, 3, TestTimeout.After());
        Assert.Contains(2, sent);
    }

    [Fact]
    public async Task A_call_answering_another_number_of_replies_than_items_fails_its_callers()
    {
        using var batcher = new ActorCallBatcher<int, int>((_, _, _) => ValueTask.FromResult<IReadOnlyList<int>>([]));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SendAsync(A, 1, TestTimeout.After()));

        Assert.Contains("0 replies for 1 items", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_shared_reply_every_caller_of_a_batch_gets_that_calls_reply()
    {
        var firstCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var batcher = ActorCallBatcher.WithSharedReply<int, int>(async (_, items, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await firstCall.Task;
            }

            return items.Sum();
        });

        var first = batcher.SendAsync(A, 1, TestTimeout.After());
        var queued = new[] { batcher.SendAsync(A, 2, TestTimeout.After()), batcher.SendAsync(A, 3, TestTimeout.After()) };
        firstCall.SetResult();

        Assert.Equal(1, await first);
        var replies = await Task.WhenAll(queued);
        Assert.Equal([5, 5], replies);
    }

    private sealed class CallComparer : IEqualityComparer<(string Key, int[] Items)>
    {
        public static readonly CallComparer Instance = new();

        public bool Equals((string Key, int[] Items) x, (string Key, int[] Items) y) => x.Key == y.Key && x.Items.SequenceEqual(y.Items);

        public int GetHashCode((string Key, int[] Items) obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
