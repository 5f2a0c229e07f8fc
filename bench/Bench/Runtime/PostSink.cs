namespace AgentPlatform.Bench.Runtime;

/// <summary>Completes when every sink actor has received its share of one-way posts.</summary>
internal sealed class PostSink(int actors, int perActor)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = actors;

    public int PerActor { get; } = perActor;

    public Task Done => _done.Task;

    public void ActorDone()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.SetResult();
        }
    }
}
