using System.Collections.Concurrent;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Channels;

/// <summary>Group commit: posts to one channel that arrive while a commit is in flight are sent as one batch, so N
/// concurrent posters cost one actor turn and one durable write instead of N.</summary>
/// <remarks>A single poster sees no added latency: with nothing in flight its post goes out at once.</remarks>
internal sealed class ChannelPostBatcher(IActorRuntime runtime, IOptions<ChannelOptions> options, ILogger<ChannelPostBatcher> logger)
{
    private readonly ConcurrentDictionary<string, PostQueue> _queues = new(StringComparer.Ordinal);
    private readonly int _maxBatch = options.Value.MaxPostBatch;

    public Task<PostResult> PostAsync(ChannelId channel, PostCommand post)
    {
        var queue = _queues.GetOrAdd(channel.Value, static id => new PostQueue(ActorId.Create(ChannelActor.TypeName, id)));
        var pending = new PendingPost(post);
        bool start;
        lock (queue)
        {
            queue.Items.Add(pending);
            start = !queue.Running;
            queue.Running = true;
        }

        if (start)
        {
            _ = DrainAsync(queue);
        }

        return pending.Completion.Task;
    }

    private async Task DrainAsync(PostQueue queue)
    {
        while (true)
        {
            List<PendingPost> batch;
            lock (queue)
            {
                if (queue.Items.Count == 0)
                {
                    queue.Running = false;
                    return;
                }

                var take = Math.Min(queue.Items.Count, _maxBatch);
                batch = queue.Items.GetRange(0, take);
                queue.Items.RemoveRange(0, take);
            }

            try
            {
                var posts = new PostCommand[batch.Count];
                for (var i = 0; i < posts.Length; i++)
                {
                    posts[i] = batch[i].Post;
                }

                var reply = await runtime.InvokeAsync<PostBatch, PostBatchReply>(queue.Actor, ChannelActor.PostMethod, new PostBatch(posts), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(reply.Results[i]);
                }
            }
            catch (Exception ex)
            {
                Log.PostBatchFailed(logger, ex, queue.Actor.Key, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private sealed class PostQueue(ActorId actor)
    {
        public ActorId Actor { get; } = actor;

        public List<PendingPost> Items { get; } = [];

        public bool Running { get; set; }
    }

    private sealed class PendingPost(PostCommand post)
    {
        public PostCommand Post { get; } = post;

        public TaskCompletionSource<PostResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
