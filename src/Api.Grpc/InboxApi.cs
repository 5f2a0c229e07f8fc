using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Grpc.V1;
using Grpc.Core;
using InboxService = AgentPlatform.Agents.Inbox.InboxService;
using ChannelService = AgentPlatform.Agents.Channels.ChannelService;
using WireInbox = AgentPlatform.Grpc.V1.InboxService;

namespace AgentPlatform.Api.Grpc;

/// <summary>agentplatform.v1.Inbox over <see cref="InboxService"/>: the same leases, redelivery and settlement as the HTTP inbox; a
/// subscription counts as an event stream against the same <see cref="InboxConnectionLimiter"/> caps.</summary>
public sealed class InboxApi(InboxService inbox, ChannelService channels, IAgentIdentityStore identities, InboxConnectionLimiter connections)
    : WireInbox.InboxServiceBase
{
    /// <inheritdoc/>
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Delivery> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        using var lease = connections.EnterStream(caller.AgentId);
        if (lease.Refusal is { } busy)
        {
            throw busy.AtHostCapacity ? GrpcErrors.Unavailable(busy.RetryAfter, busy.Detail) : GrpcErrors.RateLimited(busy.RetryAfter, busy.Detail);
        }

        try
        {
            await foreach (var delivery in inbox.StreamAsync(caller.AgentId, context.CancellationToken))
            {
                await responseStream.WriteAsync(WireViews.Delivery(delivery), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away; what it did not acknowledge comes again when its leases run out.
        }
    }

    /// <inheritdoc/>
    public override async Task<AckResponse> Ack(SettleRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        return new AckResponse { Acknowledged = await inbox.AcknowledgeAsync(caller.AgentId, DeliveryIds(request), context.CancellationToken) };
    }

    /// <inheritdoc/>
    public override async Task<NackResponse> Nack(SettleRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        return new NackResponse { HandedBack = await inbox.HandBackAsync(caller.AgentId, DeliveryIds(request), context.CancellationToken) };
    }

    /// <inheritdoc/>
    public override async Task<Message> SendDirect(SendDirectRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        await Recipients.RequireAsync(identities, request.AgentId, context.CancellationToken);

        var title = request.HasTitle ? request.Title : null;
        var errors = new List<FieldError>();
        var priority = MessageInput.Validate(title, request.Content, WireViews.PriorityName(request.Priority), channels.Options, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        var message = await inbox.SendAsync(
            request.AgentId,
            new DirectMessage { SenderId = caller.AgentId, Title = title ?? string.Empty, Content = request.Content, Priority = priority },
            context.CancellationToken);
        return WireViews.Message(message);
    }

    private static List<string> DeliveryIds(SettleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.DeliveryIds.ToList();
        var errors = new List<FieldError>();
        MessageInput.ValidateDeliveryIds(ids, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return ids;
    }
}
