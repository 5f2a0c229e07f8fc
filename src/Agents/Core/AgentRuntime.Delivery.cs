using System.Runtime.CompilerServices;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.PubSub;

namespace AgentPlatform.Agents.Core;

/// <summary>Delivery of published messages to subscribed agents.</summary>
public sealed partial class AgentRuntime
{
    /// <summary>Delivers one event, counted as work in flight while it runs; an event this runtime published stops counting as
    /// pending once its delivery succeeded or was dropped (a retry keeps it pending).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<DeliveryResult> OnPublishedAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        _work.Enter();
        var result = DeliveryResult.Retry;
        var envelope = AgentEnvelope.From(cloudEvent.Data);
        try
        {
            if (envelope?.Topic is not { } topic)
            {
                Log.MalformedAgentEvent(_logger, cloudEvent.Id, cloudEvent.Type);
                result = DeliveryResult.Drop;
                return result;
            }

            var recipients = Recipients(topic, envelope.Sender);
            result = recipients.Count switch
            {
                0 => DeliveryResult.Success,
                1 => await DeliverAsync(recipients[0], envelope, cancellationToken) ? DeliveryResult.Success : DeliveryResult.Retry,
                _ => await DeliverAllAsync(recipients, envelope, cancellationToken) ? DeliveryResult.Success : DeliveryResult.Retry,
            };
            return result;
        }
        finally
        {
            if (result != DeliveryResult.Retry && envelope?.PublishedBy == _work)
            {
                _work.Exit();
            }

            _work.Exit();
        }
    }

    /// <summary>Starts every delivery before awaiting any, so recipients run in parallel; false when any should be retried.</summary>
    private async ValueTask<bool> DeliverAllAsync(List<AgentId> recipients, AgentEnvelope envelope, CancellationToken cancellationToken)
    {
        // Each ValueTask is awaited exactly once.
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

        return delivered;
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
            await _actors.InvokeAsync<AgentEnvelope, object?>(recipient.ToActorId(), BaseAgent.EventMethod, envelope, cancellationToken);
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
