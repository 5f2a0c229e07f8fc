using System.Runtime.CompilerServices;
using AgentPlatform.Client.Errors;
using AgentPlatform.Grpc.V1;
using Grpc.Core;

namespace AgentPlatform.Client;

public sealed partial class AgentPlatformClient
{
    /// <summary>Streams the agent's inbox deliveries (posts of joined channels, direct messages, requests, tasks) until
    /// <paramref name="cancellationToken"/> is cancelled or the host ends the stream.</summary>
    /// <remarks>At-least-once: settle each delivery with <see cref="AckAsync"/> or <see cref="NackAsync"/>; what is not
    /// acknowledged comes again after the host's ack timeout with the next <c>attempt</c>, also on a new stream after a
    /// disconnect. Enumeration ends without an exception when the token is cancelled.</remarks>
    /// <exception cref="AgentPlatformRateLimitedException">The agent has as many streams open as it may.</exception>
    public async IAsyncEnumerable<Delivery> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var call = _inbox.Subscribe(new SubscribeRequest(), Call(cancellationToken));
        while (await NextAsync(call.ResponseStream, cancellationToken))
        {
            yield return call.ResponseStream.Current;
        }
    }

    /// <summary>Settles deliveries for good; answers how many were leased and are now settled.</summary>
    public async Task<int> AckAsync(IEnumerable<string> deliveryIds, CancellationToken cancellationToken = default) =>
        (await InvokeAsync(_inbox.AckAsync(Settle(deliveryIds), Call(cancellationToken)), cancellationToken)).Acknowledged;

    /// <summary>Hands deliveries back; each comes again after the host's back-off with the next <c>attempt</c>.</summary>
    public async Task<int> NackAsync(IEnumerable<string> deliveryIds, CancellationToken cancellationToken = default) =>
        (await InvokeAsync(_inbox.NackAsync(Settle(deliveryIds), Call(cancellationToken)), cancellationToken)).HandedBack;

    /// <summary>Sends a direct message to another agent's inbox.</summary>
    /// <exception cref="AgentPlatformNotFoundException">No agent <paramref name="agentId"/>.</exception>
    public Task<Message> SendDirectAsync(string agentId, string content, string? title = null, Priority priority = Priority.Unspecified, CancellationToken cancellationToken = default)
    {
        var request = new SendDirectRequest { AgentId = agentId, Content = content, Priority = priority };
        if (title is not null)
        {
            request.Title = title;
        }

        return InvokeAsync(_inbox.SendDirectAsync(request, Call(cancellationToken)), cancellationToken);
    }

    private static SettleRequest Settle(IEnumerable<string> deliveryIds)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        return new SettleRequest { DeliveryIds = { deliveryIds } };
    }

    private static async Task<bool> NextAsync(IAsyncStreamReader<Delivery> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNext(cancellationToken);
        }
        catch (RpcException failure) when (failure.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (RpcException failure)
        {
            throw RpcErrors.ToException(failure);
        }
    }
}
