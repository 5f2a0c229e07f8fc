using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Core;

/// <summary>Delivery of published messages to subscribed agents.</summary>
public sealed partial class AgentRuntime
{
    private async ValueTask<DeliveryResult> OnPublishedAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var envelope = AgentEnvelope.From(cloudEvent.Data);
        if (envelope?.Topic is not { } topic)
        {
            Log.MalformedAgentEvent(_logger, cloudEvent.Id, cloudEvent.Type);
            return DeliveryResult.Drop;
        }

        var recipients = Recipients(topic, envelope.Sender);
        if (recipients.Count == 0)
        {
            return DeliveryResult.Success;
        }

        if (recipients.Count == 1)
        {
            return await DeliverAsync(recipients[0], envelope, cancellationToken) ? DeliveryResult.Success : DeliveryResult.Retry;
        }

        var deliveries = new Task<bool>[recipients.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = DeliverAsync(recipients[i], envelope, cancellationToken).AsTask();
        }

        var delivered = await Task.WhenAll(deliveries);
        return delivered.All(ok => ok) ? DeliveryResult.Success : DeliveryResult.Retry;
    }

    private List<AgentId> Recipients(TopicId topic, AgentId? sender)
    {
        var recipients = new List<AgentId>(2);
        foreach (var subscription in _subscriptions)
        {
            if (!subscription.Matches(topic))
            {
                continue;
            }

            var recipient = subscription.MapToAgent(topic);
            if (recipient != sender && !recipients.Contains(recipient))
            {
                recipients.Add(recipient);
            }
        }

        return recipients;
    }

    /// <summary>Delivers to one recipient; false when the event should be retried.</summary>
    private async ValueTask<bool> DeliverAsync(AgentId recipient, AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            await _actors.InvokeAsync(recipient.ToActorId(), RoutedAgent.EventMethod, envelope, cancellationToken);
            return true;
        }
        catch (ActorTypeNotRegisteredException)
        {
            Log.SubscriberTypeNotHosted(_logger, envelope.Id, recipient.ToString());
            return true;
        }
        catch (Exception e)
        {
            Log.AgentEventFailed(_logger, e, envelope.Id, recipient.ToString());
            return false;
        }
    }
}
