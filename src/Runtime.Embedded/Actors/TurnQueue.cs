namespace AgentPlatform.Runtime.Embedded.Actors;

/// <summary>The FIFO of queued turns of one actor, as a chain of small arrays; not thread-safe (the activation locks it).</summary>
/// <remarks>
/// A burst of posts adds chunks instead of copying one ever larger array, so no large-object-heap buffers appear;
/// an idle actor keeps only a four-slot chunk, which keeps a resident actor small.
/// </remarks>
internal sealed class TurnQueue
{
    private const int FirstChunkSize = 4;
    private const int ChunkSize = 128;

    private Chunk? _head;
    private Chunk? _tail;

    public int Count { get; private set; }

    public void Enqueue(in TurnRequest request)
    {
        if (_tail is null)
        {
            _head = _tail = new Chunk(FirstChunkSize);
        }
        else if (_tail.End == _tail.Items.Length)
        {
            var next = new Chunk(ChunkSize);
            _tail.Next = next;
            _tail = next;
        }

        _tail.Items[_tail.End++] = request;
        Count++;
    }

    public TurnRequest Dequeue()
    {
        var chunk = _head!;
        var request = chunk.Items[chunk.Start];
        chunk.Items[chunk.Start++] = default;
        Count--;
        if (chunk.Start == chunk.End)
        {
            if (chunk.Next is null)
            {
                chunk.Start = chunk.End = 0;
            }
            else
            {
                _head = chunk.Next;
            }
        }

        return request;
    }

    private sealed class Chunk(int size)
    {
        public TurnRequest[] Items { get; } = new TurnRequest[size];

        public int Start { get; set; }

        public int End { get; set; }

        public Chunk? Next { get; set; }
    }
}
