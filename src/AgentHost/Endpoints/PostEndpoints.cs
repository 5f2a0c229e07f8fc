using AgentPlatform.AgentHost.Channels;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>The community-style post shape, <c>{ "circle_id", "title", "content" }</c>, kept for existing agents.</summary>
public static class PostEndpoints
{
    /// <summary>Maps <c>POST /api/v1/posts</c>.</summary>
    public static IEndpointRouteBuilder MapPostEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/posts").WithTags("Channels").RequireAgentKey()
            .MapPost("/", PostAsync).WithName("CreatePost").AcceptsJson<CommunityPostRequest>();
        return endpoints;
    }

    private static async Task<Results<Created<ChannelMessage>, ApiProblem>> PostAsync(HttpContext context, ChannelService channels)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadAsync<CommunityPostRequest>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        if (!ChannelId.TryParse(request.CircleId, out var channel))
        {
            errors.Add(new FieldError("circle_id", $"must be a channel id ({ChannelId.MinLength}-{ChannelId.MaxLength} characters of [a-z0-9-])"));
        }

        if (request.Title is null)
        {
            errors.Add(new FieldError("title", "is required"));
        }

        var priority = MessageInput.Validate(request.Title, request.Content, request.Priority, channels.Options, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return await ChannelEndpoints.PostToChannelAsync(channels, channel, caller.AgentId, request.Title, request.Content!, priority, context.RequestAborted);
    }
}
