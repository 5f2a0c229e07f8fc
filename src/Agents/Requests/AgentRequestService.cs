using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Requests;

/// <summary>Request/reply between agents over their inboxes: the sender waits (bounded) for the recipient's reply.</summary>
/// <remarks>
/// A request is an <see cref="AgentRequestActor"/> (durable, so the reply may come through any replica) and a message of kind
/// <see cref="MessageKind.Request"/> in the recipient's inbox whose content is an <see cref="AgentRequestContent"/>. A reply is accepted once, from the recipient, before the request expires; it wakes the waiting sender in
/// this process at once and in other processes through <see cref="ReplyTopic"/>. When the wait ends first the request is
/// expired, so a later reply is refused.
/// </remarks>
public sealed class AgentRequestService : IAsyncDisposable
{
    /// <summary>The pub/sub topic announcing replies to every replica.</summary>
    public const string ReplyTopic = "agents.replies";

    /// <summary>The longest a sender may wait.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IActorRuntime _actors;
    private readonly InboxService _inbox;
    private readonly IPubSub _pubSub;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RequestReply>> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private IAsyncDisposable? _subscription;

    /// <summary>Creates the service.</summary>
    public AgentRequestService(IActorRuntime actors, InboxService inbox, IPubSub pubSub, TimeProvider time)
    {
        _actors = actors;
        _inbox = inbox;
        _pubSub = pubSub;
        _time = time;
    }

    /// <summary>Sends <paramref name="content"/> from <paramref name="senderId"/> to <paramref name="recipientId"/> and waits up to
    /// <paramref name="timeout"/> for the reply.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not in (0, <see cref="MaxTimeout"/>].</exception>
    public async Task<AgentReply> SendAsync(
        string senderId,
        string recipientId,
        string content,
        TimeSpan timeout,
        MessagePriority priority = MessagePriority.Normal,
        RequestForTask? forTask = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, MaxTimeout);
        await EnsureSubscribedAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var requestId = "req_" + Guid.CreateVersion7(now).ToString("N");
        var reply = new TaskCompletionSource<RequestReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[requestId] = reply;
        try
        {
            var record = new AgentRequestRecord(requestId, senderId, recipientId, now + timeout, AgentRequestState.Pending);
            await _actors.InvokeAsync<AgentRequestRecord, AgentRequestRecord>(
                AgentRequestActor.Address(requestId), AgentRequestActor.OpenMethod, record, cancellationToken);
            await _inbox.SendAsync(
                recipientId,
                new DirectMessage
                {
                    SenderId = senderId,
                    Kind = MessageKind.Request,
                    Title = "request",
                    Priority = priority,
                    Content = JsonSerializer.Serialize(new AgentRequestContent(AgentRequestContent.RequestType, requestId, content, record.ExpiresAt, forTask), Json),
                },
                cancellationToken);
            try
            {
                var replied = await reply.Task.WaitAsync(timeout, _time, cancellationToken);
                return new AgentReply(requestId, true, replied.Content, replied.Metadata);
            }
            catch (TimeoutException)
            {
                // Expire it; a reply that won the race is in the record.
                var final = await _actors.InvokeAsync<object?, AgentRequestRecord?>(
                    AgentRequestActor.Address(requestId), AgentRequestActor.ExpireMethod, null, CancellationToken.None);
                return final is { State: AgentRequestState.Replied, Reply: { } late }
                    ? new AgentReply(requestId, true, late, final.ReplyMetadata)
                    : new AgentReply(requestId, false, null);
            }
        }
        finally
        {
            _waiting.TryRemove(requestId, out _);
        }
    }

    /// <summary>Replies to <paramref name="requestId"/> as <paramref name="recipientId"/>; <paramref name="metadata"/> (a JSON object)
    /// reaches the sender with the reply (see <see cref="AgentReply.Metadata"/>).</summary>
    public async Task<ReplyStatus> ReplyAsync(
        string recipientId, string requestId, string content, JsonElement? metadata = null, CancellationToken cancellationToken = default)
    {
        if (!ActorNames.IsValid(requestId))
        {
            return ReplyStatus.NotFound;
        }

        var reply = new RequestReply(requestId, recipientId, content, metadata);
        var status = await _actors.InvokeAsync<RequestReply, ReplyStatus>(
            AgentRequestActor.Address(requestId), AgentRequestActor.ReplyMethod, reply, cancellationToken);
        if (status == ReplyStatus.Delivered)
        {
            Wake(reply);
            await _pubSub.PublishAsync(ReplyTopic, reply, new PublishOptions { Type = "agents.reply" }, cancellationToken);
        }

        return status;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _subscribing.Dispose();
    }

    private void Wake(RequestReply reply)
    {
        if (_waiting.TryGetValue(reply.RequestId, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
    }

    private async ValueTask EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            return;
        }

        await _subscribing.WaitAsync(cancellationToken);
        try
        {
            _subscription ??= await _pubSub.SubscribeAsync(new TopicSubscription(ReplyTopic, OnReplyAsync), cancellationToken);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private ValueTask<DeliveryResult> OnReplyAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        if (cloudEvent.GetData<RequestReply>() is { } reply)
        {
            Wake(reply);
        }

        return ValueTask.FromResult(DeliveryResult.Success);
    }
}
