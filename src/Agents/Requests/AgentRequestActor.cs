using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Requests;

/// <summary>One request between agents, keyed by its id: opened by the sender, answered once by the recipient before it expires,
/// expired by the sender when its wait ends. Durable, so a reply may arrive through any replica.</summary>
internal sealed class AgentRequestActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-request";
    public const string OpenMethod = "open";
    public const string ReplyMethod = "reply";
    public const string ExpireMethod = "expire";

    private const string StateKey = "request";

    private AgentRequestRecord? _record;

    public static ActorId Address(string requestId) => ActorId.Create(TypeName, requestId);

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        _record = await StateManager.GetStateOrDefaultAsync<AgentRequestRecord?>(StateKey, null, cancellationToken);

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case OpenMethod:
                _record ??= ActorPayload.Read<AgentRequestRecord>(call);
                await SaveAsync(_record, cancellationToken);
                return _record;
            case ReplyMethod:
                var reply = ActorPayload.Read<RequestReply>(call);
                if (_record is null)
                {
                    return ReplyStatus.NotFound;
                }

                if (_record.RecipientId != reply.RecipientId)
                {
                    return ReplyStatus.NotRecipient;
                }

                var now = Host.Time.GetUtcNow();
                if (_record.State != AgentRequestState.Pending || now > _record.ExpiresAt)
                {
                    return ReplyStatus.Late;
                }

                await SaveAsync(_record with { State = AgentRequestState.Replied, Reply = reply.Content, RepliedAt = now, ReplyMetadata = reply.Metadata }, cancellationToken);
                return ReplyStatus.Delivered;
            case ExpireMethod:
                if (_record is { State: AgentRequestState.Pending } pending)
                {
                    await SaveAsync(pending with { State = AgentRequestState.Expired }, cancellationToken);
                }

                return _record;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async ValueTask SaveAsync(AgentRequestRecord record, CancellationToken cancellationToken)
    {
        StateManager.SetState(StateKey, record);
        await StateManager.SaveStateAsync(cancellationToken);
        _record = record;
    }
}
