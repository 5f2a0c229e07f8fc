using AgentPlatform.Runtime.Embedded.Actors;

namespace AgentPlatform.Runtime.Tests.Actors;

public sealed class TurnQueueTests
{
    [Fact]
    public void Turns_come_out_in_order_across_chunks_and_the_queue_can_be_reused()
    {
        var queue = new TurnQueue();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                queue.Enqueue(new TurnRequest(TurnKind.Post, "m", i, null, CancellationToken.None));
            }

            var seen = new List<int>();
            while (queue.Count > 0)
            {
                seen.Add((int)queue.Dequeue().Payload!);
            }

            Assert.Equal(Enumerable.Range(0, 1000), seen);
        }
    }

    [Fact]
    public void Interleaved_enqueues_and_dequeues_keep_fifo_order()
    {
        var queue = new TurnQueue();
        var next = 0;
        var expected = 0;
        for (var step = 0; step < 500; step++)
        {
            for (var i = 0; i < step % 7; i++)
            {
                queue.Enqueue(new TurnRequest(TurnKind.Post, "m", next++, null, CancellationToken.None));
            }

            for (var i = 0; i < step % 5 && queue.Count > 0; i++)
            {
                Assert.Equal(expected++, (int)queue.Dequeue().Payload!);
            }
        }

        while (queue.Count > 0)
        {
            Assert.Equal(expected++, (int)queue.Dequeue().Payload!);
        }

        Assert.Equal(next, expected);
    }
}
