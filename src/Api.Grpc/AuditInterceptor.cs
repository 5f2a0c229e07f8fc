using AgentPlatform.Grpc.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Api.Grpc;

/// <summary>The audit log of the gRPC API, like the HTTP API's: one entry per call of a changing agentplatform.v1 RPC in the log
/// category <see cref="AuditCategory.Name"/>, naming who (an agent by id or anonymous), what (the RPC), the agent, channel, task or
/// request acted on, and the outcome (the gRPC status), refusals included.</summary>
/// <remarks>Registered before <see cref="AgentKeyInterceptor"/>, so calls refused for their key are audited too. Never a secret:
/// the actor is an agent id, the target an id from the request; keys and message bodies are not written. Reads, agent and task
/// heartbeats and inbox settlement are routine traffic and left out, as over HTTP.</remarks>
public sealed class AuditInterceptor(ILoggerFactory loggers) : Interceptor
{
    private const string ApiPackagePrefix = "/agentplatform.v1.";

    private static readonly HashSet<string> Unaudited = new(StringComparer.Ordinal)
    {
        Method(AgentService.Descriptor, nameof(AgentService.AgentServiceBase.GetMe)),
        Method(AgentService.Descriptor, nameof(AgentService.AgentServiceBase.Heartbeat)),
        Method(ChannelService.Descriptor, nameof(ChannelService.ChannelServiceBase.ListChannels)),
        Method(ChannelService.Descriptor, nameof(ChannelService.ChannelServiceBase.GetChannel)),
        Method(ChannelService.Descriptor, nameof(ChannelService.ChannelServiceBase.ReadMessages)),
        Method(InboxService.Descriptor, nameof(InboxService.InboxServiceBase.Subscribe)),
        Method(InboxService.Descriptor, nameof(InboxService.InboxServiceBase.Ack)),
        Method(InboxService.Descriptor, nameof(InboxService.InboxServiceBase.Nack)),
        Method(TaskService.Descriptor, nameof(TaskService.TaskServiceBase.Heartbeat)),
    };

    private static readonly (string Field, string Collection)[] TargetFields =
        [("channel_id", "channels"), ("agent_id", "agents"), ("task_id", "tasks"), ("request_id", "requests")];

    private readonly ILogger _logger = loggers.CreateLogger(AuditCategory.Name);

    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (!context.Method.StartsWith(ApiPackagePrefix, StringComparison.Ordinal) || Unaudited.Contains(context.Method))
        {
            return await continuation(request, context);
        }

        try
        {
            var response = await continuation(request, context);
            Write(context, request, response, StatusCode.OK);
            return response;
        }
        catch (RpcException refused)
        {
            Write(context, request, null, refused.StatusCode);
            throw;
        }
    }

    private void Write(ServerCallContext context, object request, object? response, StatusCode status)
    {
        var caller = context.UserState.TryGetValue(AgentCallContext.CallerKey, out var found) ? found as AgentCaller : null;
        Log.Audited(
            _logger,
            caller is null ? "anonymous" : $"agent:{caller.AgentId}",
            context.Method.TrimStart('/'),
            TargetOf(request, response, caller),
            status.ToString(),
            context.GetHttpContext().Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The resource acted on as <c>collection/id</c>: the id the request names, a created channel or agent, or the caller.</summary>
    private static string TargetOf(object request, object? response, AgentCaller? caller)
    {
        switch (request, response)
        {
            case (CreateChannelRequest created, _):
                return $"channels/{ClientText.Printable(created.Id)}";
            case (_, RegisterResponse registered):
                return $"agents/{registered.Agent.Id}";
        }

        if (request is IMessage message)
        {
            foreach (var (field, collection) in TargetFields)
            {
                if (message.Descriptor.FindFieldByName(field)?.Accessor.GetValue(message) is string { Length: > 0 } id)
                {
                    return $"{collection}/{ClientText.Printable(id)}";
                }
            }
        }

        return caller is null ? "agents" : $"agents/{caller.AgentId}";
    }

    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name) => $"/{service.FullName}/{name}";
}
