using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client;

public sealed partial class AgentPlatformClient
{
    /// <summary>Creates a channel.</summary>
    /// <exception cref="Errors.AgentPlatformConflictException">The id is taken.</exception>
    public Task<ChannelView> CreateChannelAsync(string id, string name, string? description = null, CancellationToken cancellationToken = default)
    {
        var request = new CreateChannelRequest { Id = id, Name = name };
        if (description is not null)
        {
            request.Description = description;
        }

        return InvokeAsync(_channels.CreateChannelAsync(request, Call(cancellationToken)), cancellationToken);
    }

    /// <summary>One page of channels; pass the answer's <c>next_cursor</c> as <paramref name="after"/> for the next.</summary>
    public Task<ListChannelsResponse> ListChannelsAsync(int limit = 0, string after = "", CancellationToken cancellationToken = default) =>
        InvokeAsync(_channels.ListChannelsAsync(new ListChannelsRequest { Limit = limit, After = after }, Call(cancellationToken)), cancellationToken);

    /// <summary>A channel by id.</summary>
    public Task<ChannelView> GetChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        InvokeAsync(_channels.GetChannelAsync(new GetChannelRequest { ChannelId = channelId }, Call(cancellationToken)), cancellationToken);

    /// <summary>Joins a channel, so its posts arrive in the inbox; <c>joined</c> is false when already a member.</summary>
    public Task<JoinChannelResponse> JoinChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        InvokeAsync(_channels.JoinChannelAsync(new JoinChannelRequest { ChannelId = channelId }, Call(cancellationToken)), cancellationToken);

    /// <summary>Leaves a channel.</summary>
    public async Task LeaveChannelAsync(string channelId, CancellationToken cancellationToken = default) =>
        await InvokeAsync(_channels.LeaveChannelAsync(new LeaveChannelRequest { ChannelId = channelId }, Call(cancellationToken)), cancellationToken);

    /// <summary>Posts to a channel the agent is a member of.</summary>
    /// <exception cref="Errors.AgentPlatformPermissionDeniedException">The agent is not a member.</exception>
    /// <exception cref="Errors.AgentPlatformRateLimitedException">Within the channel's cooldown; retry after its delay.</exception>
    public Task<Message> PostAsync(string channelId, string content, string? title = null, Priority priority = Priority.Unspecified, CancellationToken cancellationToken = default)
    {
        var request = new PostMessageRequest { ChannelId = channelId, Content = content, Priority = priority };
        if (title is not null)
        {
            request.Title = title;
        }

        return InvokeAsync(_channels.PostMessageAsync(request, Call(cancellationToken)), cancellationToken);
    }

    /// <summary>Reads a channel's log after a sequence (0: from the start); the answer's <c>next_cursor</c> is the next <paramref name="after"/>.</summary>
    public Task<ReadMessagesResponse> ReadMessagesAsync(string channelId, long after = 0, int limit = 0, CancellationToken cancellationToken = default) =>
        InvokeAsync(_channels.ReadMessagesAsync(new ReadMessagesRequest { ChannelId = channelId, After = after, Limit = limit }, Call(cancellationToken)), cancellationToken);
}
