using System.Globalization;
using AgentPlatform.AgentHost.Channels;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Delivery status of channel posts and direct messages for their senders, and channel metrics for the operator.</summary>
public static class DeliveryEndpoints
{
    private const int DefaultRecipientLimit = 100;
    private const int MaxRecipientLimit = 500;

    /// <summary>Maps <c>GET /api/v1/channels/{id}/messages/{sequence}/delivery</c>, <c>GET /api/v1/agents/{id}/messages/{sequence}/delivery</c>
    /// (sender or operator) and <c>GET /api/v1/channels/{id}/metrics</c> (operator).</summary>
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/channels").WithTags("Channels").RequireAgentOrOperator()
            .MapGet("/{id}/messages/{sequence}/delivery", ChannelDeliveryAsync).WithName("GetChannelMessageDelivery");
        endpoints.MapGroup("/api/v1/agents").WithTags("Inbox").RequireAgentOrOperator()
            .MapGet("/{id}/messages/{sequence}/delivery", DirectDeliveryAsync).WithName("GetDirectMessageDelivery");
        endpoints.MapGroup("/api/v1/channels").WithTags("Channels").RequireOperatorToken()
            .MapGet("/{id}/metrics", MetricsAsync).WithName("GetChannelMetrics");
        return endpoints;
    }

    private static async Task<Results<Ok<MessageDelivery>, ApiProblem>> ChannelDeliveryAsync(
        string id, string sequence, string? after, string? limit, HttpContext context, ChannelService channels)
    {
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        var errors = new List<FieldError>();
        var position = QueryInput.ParseWhole(sequence, "sequence", 0, 1, long.MaxValue, errors);
        var pageSize = (int)QueryInput.ParseWhole(limit, "limit", DefaultRecipientLimit, 1, MaxRecipientLimit, errors);
        if (after is not null && !ApiKey.IsAgentId(after))
        {
            errors.Add(new FieldError("after", "must be a cursor returned by a previous page"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var delivery = await channels.GetDeliveryAsync(channel, position, ChannelInput.Requester(context), after, pageSize, context.RequestAborted);
            return delivery is null
                ? Problems.NotFound(string.Create(CultureInfo.InvariantCulture, $"The channel '{channel}' has no message {position}."))
                : TypedResults.Ok(delivery);
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<MessageDelivery>, ApiProblem>> DirectDeliveryAsync(
        string id, string sequence, HttpContext context, InboxService inbox)
    {
        if (!ApiKey.IsAgentId(id))
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");
        }

        var errors = new List<FieldError>();
        var position = QueryInput.ParseWhole(sequence, "sequence", 0, 1, long.MaxValue, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var delivery = await inbox.GetDirectDeliveryAsync(id, position, ChannelInput.Requester(context), context.RequestAborted);
            return delivery is null
                ? Problems.NotFound(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The inbox of '{id}' has no record of direct message {position}: it was never sent, or settled before the last 64 direct messages."))
                : TypedResults.Ok(delivery);
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<ChannelMetricsReport>, ApiProblem>> MetricsAsync(string id, HttpContext context, ChannelService channels)
    {
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        try
        {
            return TypedResults.Ok(await channels.GetMetricsAsync(channel, context.RequestAborted));
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }
}
