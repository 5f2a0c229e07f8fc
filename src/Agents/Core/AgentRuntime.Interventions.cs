namespace AgentPlatform.Agents.Core;

/// <summary>The intervention chain, entered only when handlers are registered.</summary>
public sealed partial class AgentRuntime
{
    private async ValueTask<object?> SendThroughInterventionsAsync(
        object message, string messageType, AgentId recipient, AgentId? sender, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var id = MessageIds.Next();
        var context = new MessageContext(id, cancellationToken) { Sender = sender, IsRpc = true, MessageType = messageType };
        foreach (var intervention in _interventions)
        {
            var result = await intervention.OnSendAsync(message, context, recipient);
            if (result is DropMessage)
            {
                throw new MessageDroppedException(messageType, intervention.GetType().Name);
            }

            message = result;
        }

        var sentType = _serializers.NameOf(message.GetType());
        var envelope = new AgentEnvelope { Id = id, MessageType = sentType, Message = message, Sender = sender, TypedReply = _repliesAsJson };
        var response = await SendEnvelopeAsync(envelope, recipient, timeout, cancellationToken);
        foreach (var intervention in _interventions)
        {
            var result = await intervention.OnResponseAsync(response, context, recipient);
            if (result is DropMessage)
            {
                throw new MessageDroppedException(response is null ? "null" : _serializers.NameOf(response.GetType()), intervention.GetType().Name);
            }

            response = result;
        }

        return response;
    }

    private async ValueTask<(object Message, string MessageType)> PublishInterventionsAsync(
        object message, string messageType, string id, TopicId topic, AgentId? sender, CancellationToken cancellationToken)
    {
        var context = new MessageContext(id, cancellationToken) { Sender = sender, Topic = topic, MessageType = messageType };
        foreach (var intervention in _interventions)
        {
            var result = await intervention.OnPublishAsync(message, context);
            if (result is DropMessage)
            {
                throw new MessageDroppedException(messageType, intervention.GetType().Name);
            }

            message = result;
        }

        return (message, _serializers.NameOf(message.GetType()));
    }
}
