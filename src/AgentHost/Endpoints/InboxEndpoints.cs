using System.Globalization;
using System.Text.Json;
using AgentPlatform.AgentHost.Channels;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Inbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>An agent's inbox (long-poll, server-sent events, acknowledgement) and direct messages to other agents.</summary>
public static class InboxEndpoints
{
    /// <summary>Maps the inbox routes under <c>/api/v1/agents</c>.</summary>
    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agents").WithTags("Inbox").RequireAgentKey();
        group.MapGet("/me/inbox", ReadAsync).WithName("ReadInbox");
        group.MapGet("/me/inbox/stream", StreamAsync).WithName("StreamInbox").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        group.MapPost("/me/inbox/ack", AcknowledgeAsync).WithName("AcknowledgeInbox").AcceptsJson<AcknowledgeRequest>();
        group.MapPost("/me/inbox/nack", HandBackAsync).WithName("HandBackInbox").AcceptsJson<AcknowledgeRequest>();
        group.MapPost("/{id}/messages", SendDirectAsync).WithName("SendDirectMessage").AcceptsJson<DirectMessageRequest>();
        return endpoints;
    }

    private static async Task<Results<Ok<InboxView>, ApiProblem>> ReadAsync(
        string? wait, string? limit, HttpContext context, InboxService inbox, InboxConnectionLimiter connections)
    {
        var caller = context.GetAgentCaller();
        var options = inbox.Options;
        var errors = new List<FieldError>();
        var waitFor = TimeSpan.Zero;
        if (wait is not null)
        {
            if (!double.TryParse(wait, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds) || seconds < 0 || seconds > options.MaxWait.TotalSeconds)
            {
                errors.Add(new FieldError("wait", $"must be a number of seconds between 0 and {options.MaxWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)}"));
            }
            else
            {
                waitFor = TimeSpan.FromSeconds(seconds);
            }
        }

        var pageSize = (int)QueryInput.ParseWhole(limit, "limit", options.DefaultReadLimit, 1, options.MaxReadLimit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        using var lease = connections.EnterLongPoll(caller.AgentId, waitFor);
        if (lease.Refusal is { } busy)
        {
            return Refused(busy);
        }

        try
        {
            return TypedResults.Ok(new InboxView(await inbox.ReadAsync(caller.AgentId, pageSize, waitFor, context.RequestAborted)));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Ok(new InboxView([]));
        }
    }

    private static async Task StreamAsync(HttpContext context, InboxService inbox, IOptions<JsonOptions> json, InboxConnectionLimiter connections)
    {
        var caller = context.GetAgentCaller();
        using var lease = connections.EnterStream(caller.AgentId);
        if (lease.Refusal is { } busy)
        {
            await Refused(busy).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(context.RequestAborted);
        var serializer = json.Value.SerializerOptions;
        await foreach (var delivery in inbox.StreamAsync(caller.AgentId, context.RequestAborted))
        {
            var data = JsonSerializer.Serialize(delivery, serializer);
            await response.WriteAsync($"event: message\nid: {delivery.DeliveryId}\ndata: {data}\n\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private static ApiProblem Refused(InboxConnectionRefusal refusal) =>
        refusal.AtHostCapacity ? Problems.Unavailable(refusal.RetryAfter, refusal.Detail) : Problems.RateLimited(refusal.RetryAfter, refusal.Detail);

    private static async Task<Results<Ok<AcknowledgedView>, ApiProblem>> AcknowledgeAsync(HttpContext context, InboxService inbox)
    {
        var caller = context.GetAgentCaller();
        var (ids, problem) = await ReadDeliveryIdsAsync(context);
        return problem ?? (Results<Ok<AcknowledgedView>, ApiProblem>)TypedResults.Ok(
            new AcknowledgedView(await inbox.AcknowledgeAsync(caller.AgentId, ids!, context.RequestAborted)));
    }

    private static async Task<Results<Ok<HandedBackView>, ApiProblem>> HandBackAsync(HttpContext context, InboxService inbox)
    {
        var caller = context.GetAgentCaller();
        var (ids, problem) = await ReadDeliveryIdsAsync(context);
        return problem ?? (Results<Ok<HandedBackView>, ApiProblem>)TypedResults.Ok(
            new HandedBackView(await inbox.HandBackAsync(caller.AgentId, ids!, context.RequestAborted)));
    }

    /// <summary>Reads <c>{ "delivery_ids": [...] }</c> of an acknowledgement or a hand-back; every problem names its field.</summary>
    private static async Task<(IReadOnlyList<string>? Ids, ApiProblem? Problem)> ReadDeliveryIdsAsync(HttpContext context)
    {
        var body = await JsonBody.ReadAsync<AcknowledgeRequest>(context);
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        var ids = body.Value!.DeliveryIds;
        var errors = new List<FieldError>();
        MessageInput.ValidateDeliveryIds(ids, errors);
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (ids, null);
    }

    private static async Task<Results<Created<ChannelMessage>, ApiProblem>> SendDirectAsync(
        string id, HttpContext context, InboxService inbox, ChannelService channels, IAgentIdentityStore identities)
    {
        var caller = context.GetAgentCaller();
        if (!ApiKey.IsAgentId(id) || await identities.GetAsync(id, context.RequestAborted) is null)
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");
        }

        var body = await JsonBody.ReadAsync<DirectMessageRequest>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        var priority = MessageInput.Validate(request.Title, request.Content, request.Priority, channels.Options, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var message = await inbox.SendAsync(
            id,
            new DirectMessage { SenderId = caller.AgentId, Title = request.Title ?? string.Empty, Content = request.Content!, Priority = priority },
            context.RequestAborted);
        return TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"/api/v1/agents/{id}/messages/{message.Sequence}/delivery"), message);
    }
}
