using AgentPlatform.Client.Errors;
using AgentPlatform.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace AgentPlatform.Client;

/// <summary>A typed client of the Agent Platform gRPC API (<c>agentplatform.v1</c>) acting as one agent: every call carries its
/// API key, and failures arrive as <see cref="AgentPlatformException"/> subclasses naming what went wrong.</summary>
/// <remarks>Thread-safe; one instance per agent. <see cref="RegisterAsync"/> and <see cref="RotateKeyAsync"/> switch the key
/// the client sends. A cancelled token ends a call with <see cref="OperationCanceledException"/>.</remarks>
public sealed partial class AgentPlatformClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly AgentService.AgentServiceClient _agents;
    private readonly ChannelService.ChannelServiceClient _channels;
    private readonly InboxService.InboxServiceClient _inbox;
    private readonly TaskService.TaskServiceClient _tasks;
    private readonly RequestService.RequestServiceClient _requests;
    private volatile string? _apiKey;

    /// <summary>Creates a client over a channel the caller owns.</summary>
    /// <param name="channel">A channel to the host's gRPC port.</param>
    /// <param name="apiKey">The agent's key; null until <see cref="RegisterAsync"/> sets one.</param>
    public AgentPlatformClient(ChannelBase channel, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _apiKey = apiKey;
        _agents = new AgentService.AgentServiceClient(channel);
        _channels = new ChannelService.ChannelServiceClient(channel);
        _inbox = new InboxService.InboxServiceClient(channel);
        _tasks = new TaskService.TaskServiceClient(channel);
        _requests = new RequestService.RequestServiceClient(channel);
    }

    private AgentPlatformClient(GrpcChannel channel, string? apiKey)
        : this((ChannelBase)channel, apiKey) => _ownedChannel = channel;

    /// <summary>The key the client sends, or null before registration.</summary>
    public string? ApiKey => _apiKey;

    /// <summary>Creates a client with its own channel to <paramref name="address"/> (the host's gRPC port, for example
    /// <c>http://127.0.0.1:5081</c>); disposing the client closes the channel.</summary>
    public static AgentPlatformClient Create(Uri address, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new AgentPlatformClient(GrpcChannel.ForAddress(address), apiKey);
    }

    /// <summary>Closes the channel when the client created it.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    private CallOptions Call(CancellationToken cancellationToken) =>
        new(_apiKey is { } key ? new Metadata { { "authorization", $"Bearer {key}" } } : null, cancellationToken: cancellationToken);

    private static async Task<T> InvokeAsync<T>(AsyncUnaryCall<T> call, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                return await call.ResponseAsync;
            }
            catch (RpcException failure) when (failure.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The call was cancelled.", failure, cancellationToken);
            }
            catch (RpcException failure)
            {
                throw RpcErrors.ToException(failure);
            }
        }
    }
}
