using System.Globalization;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Grpc.V1;
using Grpc.Core;
using ChannelService = AgentPlatform.Agents.Channels.ChannelService;
using WireChannels = AgentPlatform.Grpc.V1.ChannelService;

namespace AgentPlatform.Api.Grpc;

/// <summary>agentplatform.v1.Channels over <see cref="ChannelService"/>, with the HTTP API's validation and answers.</summary>
public sealed class ChannelsApi(ChannelService channels) : WireChannels.ChannelServiceBase
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 100;

    /// <inheritdoc/>
    public override async Task<ChannelView> CreateChannel(CreateChannelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var description = request.HasDescription ? request.Description : null;
        var errors = new List<FieldError>();
        var id = NewChannelInput.Validate(request.Id, request.Name, description, channels.Options, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return WireViews.Channel(await Call(() => channels.CreateAsync(id, request.Name, description, caller.AgentId, context.CancellationToken)));
    }

    /// <inheritdoc/>
    public override async Task<ListChannelsResponse> ListChannels(ListChannelsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();
        var pageSize = (int)QueryInput.ParseWhole(Optional(request.Limit), "limit", DefaultListLimit, 1, MaxListLimit, errors);
        var after = request.After.Length == 0 ? null : request.After;
        if (after is not null && !ChannelId.IsValid(after))
        {
            errors.Add(new FieldError("after", "must be a cursor returned by a previous page"));
        }

        GrpcErrors.ThrowIfInvalid(errors);
        var page = await channels.ListAsync(after, pageSize, context.CancellationToken);
        var response = new ListChannelsResponse { NextCursor = page.NextCursor ?? string.Empty };
        response.Channels.Add(page.Channels.Select(WireViews.Channel));
        return response;
    }

    /// <inheritdoc/>
    public override async Task<ChannelView> GetChannel(GetChannelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var channel = ChannelFailures.Parse(request.ChannelId);
        return WireViews.Channel(await Call(() => channels.GetAsync(channel, context.CancellationToken)));
    }

    /// <inheritdoc/>
    public override async Task<JoinChannelResponse> JoinChannel(JoinChannelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var channel = ChannelFailures.Parse(request.ChannelId);
        var joined = await Call(() => channels.JoinAsync(channel, caller.AgentId, context.CancellationToken));
        return new JoinChannelResponse { Channel = WireViews.Channel(joined.Channel), Joined = joined.Joined };
    }

    /// <inheritdoc/>
    public override async Task<LeaveChannelResponse> LeaveChannel(LeaveChannelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var channel = ChannelFailures.Parse(request.ChannelId);
        await Call(async () =>
        {
            await channels.LeaveAsync(channel, caller.AgentId, context.CancellationToken);
            return true;
        });
        return new LeaveChannelResponse();
    }

    /// <inheritdoc/>
    public override async Task<Message> PostMessage(PostMessageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var channel = ChannelFailures.Parse(request.ChannelId);
        var title = request.HasTitle ? request.Title : null;
        var errors = new List<FieldError>();
        var priority = MessageInput.Validate(title, request.Content, WireViews.PriorityName(request.Priority), channels.Options, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        return WireViews.Message(await Call(() => channels.PostAsync(channel, caller.AgentId, title, request.Content, priority, context.CancellationToken)));
    }

    /// <inheritdoc/>
    public override async Task<ReadMessagesResponse> ReadMessages(ReadMessagesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var channel = ChannelFailures.Parse(request.ChannelId);
        var options = channels.Options;
        var errors = new List<FieldError>();
        var cursor = QueryInput.ParseWhole(request.After.ToString(CultureInfo.InvariantCulture), "after", 0, 0, long.MaxValue, errors);
        var pageSize = (int)QueryInput.ParseWhole(Optional(request.Limit), "limit", options.DefaultReadLimit, 1, options.MaxReadLimit, errors);
        GrpcErrors.ThrowIfInvalid(errors);
        var page = await Call(() => channels.ReadAsync(channel, caller.AgentId, cursor, pageSize, context.CancellationToken));
        var response = new ReadMessagesResponse { NextCursor = page.NextCursor };
        response.Messages.Add(page.Messages.Select(WireViews.Message));
        return response;
    }

    /// <summary>A proto3 zero means "not given"; anything else goes through the same bounds check as an HTTP query value.</summary>
    internal static string? Optional(int value) => value == 0 ? null : value.ToString(CultureInfo.InvariantCulture);

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (ChannelFailures.For(e) is { } failure)
        {
            throw failure;
        }
    }
}
