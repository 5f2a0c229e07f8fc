using System.Runtime.CompilerServices;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Inbox;

/// <summary>Reads, streams and acknowledges an agent's inbox, and puts direct messages and tasks into it.</summary>
/// <remarks>Delivery is at-least-once: every read leases what it returns; a lease not acknowledged within
/// <see cref="InboxOptions.AckTimeout"/> is delivered again with the next attempt number. A long-poll returns as soon as
/// something arrives (woken in process by <see cref="InboxSignals"/>) or when a lease runs out. Direct messages and tasks for one
/// agent sent while a delivery to its inbox is in flight go together in the next one, one turn and one commit.</remarks>
public sealed class InboxService : IDisposable
{
    private readonly IActorRuntime _runtime;
    private readonly InboxSignals _signals;
    private readonly TimeProvider _time;
    private readonly InboxOptions _options;
    private readonly ActorCallBatcher<DirectMessage, ChannelMessage> _deliveries;

    /// <summary>Creates the service.</summary>
    public InboxService(IActorRuntime runtime, InboxSignals signals, TimeProvider time, IOptions<InboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runtime = runtime;
        _signals = signals;
        _time = time;
        _options = options.Value;
        _deliveries = new(async (inbox, messages, cancellationToken) =>
            await _runtime.InvokeAsync<IReadOnlyList<DirectMessage>, ChannelMessage[]>(inbox, InboxActor.DeliverMethod, messages, cancellationToken));
    }

    /// <summary>The options in force, for edge validation.</summary>
    public InboxOptions Options => _options;

    /// <summary>Leases up to <paramref name="limit"/> deliveries, waiting up to <paramref name="wait"/> for the first one.</summary>
    /// <returns>The deliveries, or an empty list when nothing arrived within <paramref name="wait"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> or <paramref name="wait"/> is out of bounds.</exception>
    public async Task<IReadOnlyList<InboxDelivery>> ReadAsync(string agentId, int limit, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, _options.MaxReadLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wait, _options.MaxWait);
        var inbox = Address(agentId);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            var signal = _signals.WaitAsync(agentId);
            var reply = await _runtime.InvokeAsync<InboxReadRequest, InboxReadReply>(inbox, InboxActor.ReadMethod, new InboxReadRequest(limit), cancellationToken);
            var now = _time.GetUtcNow();
            var remaining = deadline - now;
            if (reply.Deliveries.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return reply.Deliveries;
            }

            if (reply.NextExpiry is { } expiry && expiry - now < remaining)
            {
                remaining = expiry - now > TimeSpan.Zero ? expiry - now : TimeSpan.FromMilliseconds(1);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signal, Task.Delay(remaining, _time, stop.Token));
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Streams deliveries as they arrive until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<InboxDelivery> StreamAsync(string agentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<InboxDelivery> deliveries;
            try
            {
                deliveries = await ReadAsync(agentId, _options.MaxReadLimit, _options.MaxWait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            foreach (var delivery in deliveries)
            {
                yield return delivery;
            }
        }
    }

    /// <summary>Acknowledges deliveries; ids that are not leased (already acknowledged, unknown) are ignored.</summary>
    /// <returns>How many deliveries were acknowledged.</returns>
    public async Task<int> AcknowledgeAsync(string agentId, IReadOnlyList<string> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0)
        {
            return 0;
        }

        return await _runtime.InvokeAsync<InboxAck, int>(Address(agentId), InboxActor.AckMethod, new InboxAck(deliveryIds), cancellationToken);
    }

    /// <summary>Hands deliveries back (negative acknowledgement): each comes again after a back-off that starts at
    /// <see cref="InboxOptions.NackBackoff"/> and doubles per attempt up to <see cref="InboxOptions.MaxNackBackoff"/>, or is given up
    /// once its priority's attempt budget is spent. Ids that are not leased are ignored.</summary>
    /// <returns>How many deliveries were handed back.</returns>
    public async Task<int> HandBackAsync(string agentId, IReadOnlyList<string> deliveryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0)
        {
            return 0;
        }

        var count = await _runtime.InvokeAsync<InboxAck, int>(Address(agentId), InboxActor.NackMethod, new InboxAck(deliveryIds), cancellationToken);

        // A long-poll waiting on the old lease expiry wakes up and waits for the back-off instead.
        _signals.Notify(agentId);
        return count;
    }

    /// <summary>Stores a direct message or task durably in <paramref name="recipientId"/>'s inbox and wakes its readers.</summary>
    /// <returns>The stored message, with its id, time and sequence in the recipient's direct messages.</returns>
    public async Task<ChannelMessage> SendAsync(string recipientId, DirectMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stamped = message.TraceParent is null ? message with { TraceParent = TraceContext.Current() } : message;
        var stored = await _deliveries.SendAsync(Address(recipientId), stamped, cancellationToken);
        _signals.Notify(recipientId);
        return stored;
    }

    /// <summary>Cancels the deliveries still in flight.</summary>
    public void Dispose() => _deliveries.Dispose();

    /// <summary>The delivery status of direct message <paramref name="sequence"/> of <paramref name="recipientId"/>'s inbox.</summary>
    /// <param name="recipientId">The recipient.</param>
    /// <param name="sequence">The message's sequence among the recipient's direct messages, as returned when it was sent.</param>
    /// <param name="requesterId">The agent asking, which must be the sender; null for the operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status with its one recipient, or null when the inbox has no record of the message (never sent, or settled
    /// before the last 64 direct messages settled).</returns>
    /// <exception cref="ChannelAccessDeniedException"><paramref name="requesterId"/> did not send the message.</exception>
    public async Task<MessageDelivery?> GetDirectDeliveryAsync(string recipientId, long sequence, string? requesterId, CancellationToken cancellationToken = default)
    {
        var reply = await _runtime.InvokeAsync<DeliveryQuery, DeliveryReply>(Address(recipientId), InboxActor.StatusMethod, new DeliveryQuery(null, sequence), cancellationToken);
        if (reply.SenderId is not { } senderId || reply.MessageId is not { } messageId || reply.Delivery.State == DeliveryState.Unknown)
        {
            return null;
        }

        if (requesterId is not null && requesterId != senderId)
        {
            throw new ChannelAccessDeniedException("Only the sender of a message or the operator may read its delivery status.");
        }

        return new MessageDelivery(messageId, null, sequence, senderId, [reply.Delivery], null);
    }

    private static ActorId Address(string agentId) => ActorId.Create(InboxActor.TypeName, agentId);
}
