using System.Globalization;
using AgentPlatform.Agents.Requests;
using AgentPlatform.Grpc.V1;
using Grpc.Core;
using ChannelService = AgentPlatform.Agents.Channels.ChannelService;

namespace AgentPlatform.Api.Grpc;

/// <summary>agentplatform.v1.Requests over <see cref="AgentRequestService"/>: request/reply between agents.</summary>
public sealed class RequestsApi(AgentRequestService requests, ChannelService channels, RequestRecipients recipients) : RequestService.RequestServiceBase
{
    private const int MaxRequestIdLength = 64;

    /// <inheritdoc/>
    public override async Task<SendRequestResponse> Send(SendRequestRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        await Recipients.RequireAsync(recipients, request.AgentId, context.CancellationToken);
        var errors = new List<FieldError>();
        var priority = MessageInput.Validate(null, request.Content, WireViews.PriorityName(request.Priority), channels.Options, errors);
        var timeout = MessageInput.ParseRequestTimeout(request.HasTimeoutSeconds ? request.TimeoutSeconds : null, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        var reply = await requests.SendAsync(caller.AgentId, request.AgentId, request.Content, timeout, priority, cancellationToken: context.CancellationToken);
        return reply.Replied
            ? new SendRequestResponse { RequestId = reply.RequestId, From = request.AgentId, Content = reply.Content! }
            : throw GrpcErrors.DeadlineExceeded(string.Create(CultureInfo.InvariantCulture,
                $"Agent '{request.AgentId}' did not reply within {timeout.TotalSeconds} s to request '{reply.RequestId}'; a later reply is refused."));
    }

    /// <inheritdoc/>
    public override async Task<ReplyResponse> Reply(ReplyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var id = request.RequestId;
        if (id.Length > MaxRequestIdLength)
        {
            throw UnknownRequest(id);
        }

        var errors = new List<FieldError>();
        MessageInput.Validate(null, request.Content, null, channels.Options, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return await requests.ReplyAsync(caller.AgentId, id, request.Content, cancellationToken: context.CancellationToken) switch
        {
            ReplyStatus.Delivered => new ReplyResponse { RequestId = id, Status = "delivered" },
            ReplyStatus.NotRecipient => throw GrpcErrors.PermissionDenied(RequestReplyText.NotRecipient(id, caller.AgentId)),
            ReplyStatus.Late => throw GrpcErrors.FailedPrecondition(RequestReplyText.Late(id)),
            _ => throw UnknownRequest(id),
        };
    }

    private static RpcException UnknownRequest(string id) => GrpcErrors.NotFound(RequestReplyText.Unknown(id));
}
