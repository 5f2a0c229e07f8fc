using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Channels;

namespace AgentPlatform.AgentHost.Channels;

/// <summary>HTTP answers shared by the channel, post, inbox and delivery endpoints: domain failures as problems, route ids,
/// the requester of a creator- or sender-only call.</summary>
public static class ChannelInput
{
    /// <summary>The problem for a domain failure of a channel call, or null when <paramref name="exception"/> is not one.</summary>
    public static ApiProblem? ProblemFor(Exception exception) => exception switch
    {
        ChannelNotFoundException e => Problems.NotFound($"There is no channel '{e.ChannelId}'."),
        NotChannelMemberException e => Problems.Forbidden($"Only members of '{e.ChannelId}' may do this; join it first."),
        ChannelAccessDeniedException e => Problems.Forbidden(e.Message),
        ChannelAlreadyExistsException e => Problems.Conflict($"The channel '{e.ChannelId}' already exists."),
        PostCooldownException e => Problems.RateLimited(
            e.RetryAfter, $"One post per channel every cooldown period; retry after {Problems.RetryAfterSeconds(e.RetryAfter)} seconds."),
        _ => null,
    };

    /// <summary>The channel id from a route value, or a 404 problem when it cannot name a channel.</summary>
    public static bool TryRouteChannel(string id, out ChannelId channel, out ApiProblem? problem)
    {
        problem = null;
        if (ChannelId.TryParse(id, out channel))
        {
            return true;
        }

        problem = Problems.NotFound($"There is no channel '{Problems.Printable(id)}'.");
        return false;
    }

    /// <summary>The agent asking, for a call only a channel's creator or a message's sender may make; null for the operator,
    /// who may make it for every channel and message.</summary>
    public static string? Requester(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsOperator() ? null : context.GetAgentCaller().AgentId;
    }
}
