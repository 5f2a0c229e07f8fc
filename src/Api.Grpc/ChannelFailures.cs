using AgentPlatform.Agents.Channels;
using Grpc.Core;

namespace AgentPlatform.Api.Grpc;

/// <summary>The gRPC status for a domain failure of a channel call (the same text as the HTTP problem).</summary>
internal static class ChannelFailures
{
    public static RpcException? For(Exception exception) => exception switch
    {
        ChannelNotFoundException e => GrpcErrors.NotFound($"There is no channel '{e.ChannelId}'."),
        NotChannelMemberException e => GrpcErrors.PermissionDenied($"Only members of '{e.ChannelId}' may do this; join it first."),
        ChannelAlreadyExistsException e => GrpcErrors.AlreadyExists($"The channel '{e.ChannelId}' already exists."),
        PostCooldownException e => GrpcErrors.RateLimited(e.RetryAfter, "One post per channel every cooldown period."),
        _ => null,
    };

    /// <summary>The channel id of a request, or NOT_FOUND as HTTP answers for a route id that cannot name a channel.</summary>
    public static ChannelId Parse(string id) =>
        ChannelId.TryParse(id, out var channel) ? channel : throw GrpcErrors.NotFound($"There is no channel '{ClientText.Printable(id)}'.");
}
