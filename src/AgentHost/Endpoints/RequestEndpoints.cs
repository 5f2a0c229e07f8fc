using System.Globalization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.AgentHost.Tasks;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Request/reply between agents: the sender's call waits for the recipient's reply, or answers 504.</summary>
public static class RequestEndpoints
{
    private const int MaxRequestIdLength = 64;

    /// <summary>Maps <c>POST /api/v1/agents/{id}/requests</c> and <c>POST /api/v1/agents/me/requests/{request_id}/reply</c>.</summary>
    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agents").WithTags("Requests").RequireAgentKey();
        group.MapPost("/{id}/requests", SendAsync).WithName("SendAgentRequest").AcceptsJson<AgentRequestBody>();
        group.MapPost("/me/requests/{requestId}/reply", ReplyAsync).WithName("ReplyToAgentRequest").AcceptsJson<AgentReplyBody>();
        return endpoints;
    }

    private static async Task<Results<Ok<AgentReplyView>, ApiProblem>> SendAsync(
        string id, HttpContext context, AgentRequestService requests, ChannelService channels, RequestRecipients recipients)
    {
        var caller = context.GetAgentCaller();
        if (!await recipients.ExistsAsync(id, context.RequestAborted))
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}' (field 'id').");
        }

        var body = await JsonBody.ReadAsync<AgentRequestBody>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        var priority = MessageInput.Validate(null, request.Content, request.Priority, channels.Options, errors);
        var timeout = MessageInput.ParseRequestTimeout(request.TimeoutSeconds, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var reply = await requests.SendAsync(caller.AgentId, id, request.Content!, timeout, priority, cancellationToken: context.RequestAborted);
        return reply.Replied
            ? TypedResults.Ok(new AgentReplyView(reply.RequestId, id, reply.Content!))
            : Problems.Timeout(
                string.Create(CultureInfo.InvariantCulture, $"Agent '{id}' did not reply within {timeout.TotalSeconds} s; a later reply is refused."),
                ("request_id", reply.RequestId));
    }

    private static async Task<Results<Ok<ReplyDeliveredView>, ApiProblem>> ReplyAsync(
        string requestId, HttpContext context, AgentRequestService requests, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        if (requestId.Length > MaxRequestIdLength)
        {
            return Problems.NotFound(RequestReplyText.Unknown(requestId));
        }

        var body = await JsonBody.ReadAsync<AgentReplyBody>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        MessageInput.Validate(null, body.Value!.Content, null, channels.Options, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await requests.ReplyAsync(caller.AgentId, requestId, body.Value.Content!, cancellationToken: context.RequestAborted) switch
        {
            ReplyStatus.Delivered => TypedResults.Ok(new ReplyDeliveredView(requestId, "delivered")),
            ReplyStatus.NotRecipient => Problems.Forbidden(RequestReplyText.NotRecipient(requestId, caller.AgentId)),
            ReplyStatus.Late => Problems.Conflict(RequestReplyText.Late(requestId)),
            _ => Problems.NotFound(RequestReplyText.Unknown(requestId)),
        };
    }
}
