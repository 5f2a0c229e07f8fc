using System.Runtime.CompilerServices;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Core;

/// <summary>Delivery of published messages to subscribed agents.</summary>
public sealed partial class AgentRuntime
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
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

        // Start every delivery before awaiting any, so recipients run in parallel; each ValueTask is awaited exactly once.
#pragma warning disable CA2012
        var deliveries = new ValueTask<bool>[recipients.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = DeliverAsync(recipients[i], envelope, cancellationToken);
        }

        var delivered = true;
        foreach (var delivery in deliveries)
        {
            delivered &= await delivery;
        }
#pragma warning restore CA2012

        return delivered ? DeliveryResult.Success : DeliveryResult.Retry;
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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> DeliverAsync(AgentId recipient, AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            await _actors.InvokeAsync<AgentEnvelope, object?>(recipient.ToActorId(), RoutedAgent.EventMethod, envelope, cancellationToken);
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
