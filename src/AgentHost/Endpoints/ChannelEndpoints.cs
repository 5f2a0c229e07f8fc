using System.Globalization;
using AgentPlatform.AgentHost.Channels;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Group-chat channels: create, list, read, join, leave, post and read the log by cursor.</summary>
public static class ChannelEndpoints
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 100;

    /// <summary>Maps <c>/api/v1/channels</c>.</summary>
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/channels").WithTags("Channels").RequireAgentKey();
        group.MapPost("/", CreateAsync).WithName("CreateChannel").AcceptsJson<CreateChannelRequest>();
        group.MapGet("/", ListAsync).WithName("ListChannels");
        group.MapGet("/{id}", GetAsync).WithName("GetChannel");
        group.MapPost("/{id}/members", JoinAsync).WithName("JoinChannel");
        group.MapDelete("/{id}/members/me", LeaveAsync).WithName("LeaveChannel");
        group.MapPost("/{id}/messages", PostAsync).WithName("PostChannelMessage").AcceptsJson<PostMessageRequest>();
        group.MapGet("/{id}/messages", ReadAsync).WithName("ReadChannelMessages");
        endpoints.MapGroup("/api/v1/channels").WithTags("Channels").RequireAgentOrOperator()
            .MapPatch("/{id}", UpdateAsync).WithName("UpdateChannel").AcceptsJson<UpdateChannelRequest>();
        return endpoints;
    }

    /// <summary>Changes name, description or topic publishing; the channel's creator or the operator only.</summary>
    private static async Task<Results<Ok<ChannelInfo>, ApiProblem>> UpdateAsync(string id, HttpContext context, ChannelService channels)
    {
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        var body = await JsonBody.ReadAsync<UpdateChannelRequest>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        ChannelProfileInput.Validate(request.Name, nameRequired: false, request.Description, channels.Options, errors);
        if (request is { Name: null, Description: null, PublishToTopic: null })
        {
            errors.Add(new FieldError("$", "must set at least one of name, description, publish_to_topic"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            return TypedResults.Ok(await channels.UpdateAsync(channel, ChannelInput.Requester(context), request.Name, request.Description, request.PublishToTopic, context.RequestAborted));
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Created<ChannelInfo>, ApiProblem>> CreateAsync(HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadAsync<CreateChannelRequest>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        var id = NewChannelInput.Validate(request.Id, request.Name, request.Description, channels.Options, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var created = await channels.CreateAsync(id, request.Name!, request.Description, caller.AgentId, request.PublishToTopic ?? false, context.RequestAborted);
            return TypedResults.Created($"/api/v1/channels/{created.Id}", created);
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<ChannelListView>, ApiProblem>> ListAsync(string? limit, string? after, HttpContext context, ChannelService channels)
    {
        var errors = new List<FieldError>();
        var pageSize = (int)QueryInput.ParseWhole(limit, "limit", DefaultListLimit, 1, MaxListLimit, errors);
        if (after is not null && !ChannelId.IsValid(after))
        {
            errors.Add(new FieldError("after", "must be a cursor returned by a previous page"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await channels.ListAsync(after, pageSize, context.RequestAborted);
        return TypedResults.Ok(new ChannelListView(page.Channels, page.NextCursor));
    }

    private static async Task<Results<Ok<ChannelInfo>, ApiProblem>> GetAsync(string id, HttpContext context, ChannelService channels)
    {
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        try
        {
            return TypedResults.Ok(await channels.GetAsync(channel, context.RequestAborted));
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Created<ChannelInfo>, Ok<ChannelInfo>, ApiProblem>> JoinAsync(string id, HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        try
        {
            var joined = await channels.JoinAsync(channel, caller.AgentId, context.RequestAborted);
            return joined.Joined
                ? TypedResults.Created($"/api/v1/channels/{channel}/members/{caller.AgentId}", joined.Channel)
                : TypedResults.Ok(joined.Channel);
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<NoContent, ApiProblem>> LeaveAsync(string id, HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        try
        {
            await channels.LeaveAsync(channel, caller.AgentId, context.RequestAborted);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Created<ChannelMessage>, ApiProblem>> PostAsync(string id, HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        var body = await JsonBody.ReadAsync<PostMessageRequest>(context);
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

        return await PostToChannelAsync(channels, channel, caller.AgentId, request.Title, request.Content!, priority, context.RequestAborted);
    }

    /// <summary>Posts and answers 201 with the durable message, or the problem for the failure; shared with <c>POST /posts</c>.</summary>
    internal static async Task<Results<Created<ChannelMessage>, ApiProblem>> PostToChannelAsync(
        ChannelService channels, ChannelId channel, string senderId, string? title, string content, MessagePriority priority, CancellationToken cancellationToken)
    {
        try
        {
            var message = await channels.PostAsync(channel, senderId, title, content, priority, cancellationToken);
            return TypedResults.Created(
                string.Create(CultureInfo.InvariantCulture, $"/api/v1/channels/{channel}/messages?after={message.Sequence - 1}&limit=1"), message);
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<Results<Ok<MessageListView>, ApiProblem>> ReadAsync(
        string id, string? after, string? limit, HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        if (!ChannelInput.TryRouteChannel(id, out var channel, out var notFound))
        {
            return notFound!;
        }

        var options = channels.Options;
        var errors = new List<FieldError>();
        var cursor = QueryInput.ParseWhole(after, "after", 0, 0, long.MaxValue, errors);
        var pageSize = (int)QueryInput.ParseWhole(limit, "limit", options.DefaultReadLimit, 1, options.MaxReadLimit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        try
        {
            var page = await channels.ReadAsync(channel, caller.AgentId, cursor, pageSize, context.RequestAborted);
            return TypedResults.Ok(new MessageListView(page.Messages, page.NextCursor.ToString(CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (ChannelInput.ProblemFor(e) is { } failure)
        {
            return failure;
        }
    }
}
