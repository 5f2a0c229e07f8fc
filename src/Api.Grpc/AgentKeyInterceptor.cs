using Grpc.Core;
using Grpc.Core.Interceptors;
using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Api.Grpc;

/// <summary>Authenticates every agentplatform.v1 call but registration with the <c>authorization: Bearer</c> metadata,
/// applies the key's rate limit and, like HTTP, counts an accepted call (not a heartbeat) as liveness evidence.</summary>
/// <remarks>Health and reflection are other services and stay open.</remarks>
public sealed class AgentKeyInterceptor(AgentKeyCheck keys, LivenessEvidence liveness) : Interceptor
{
    private const string ApiPackagePrefix = "/agentplatform.v1.";

    private static readonly HashSet<string> OpenMethods = new(StringComparer.Ordinal)
    {
        $"/{AgentService.Descriptor.FullName}/{nameof(AgentService.AgentServiceBase.Register)}",
    };

    private static readonly HashSet<string> NoEvidenceMethods = new(StringComparer.Ordinal)
    {
        $"/{AgentService.Descriptor.FullName}/{nameof(AgentService.AgentServiceBase.Heartbeat)}",
    };

    /// <inheritdoc/>
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var caller = await AuthenticateAsync(context);
        var response = await continuation(request, context);
        await RecordEvidenceAsync(caller, context);
        return response;
    }

    /// <inheritdoc/>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var caller = await AuthenticateAsync(context);
        await RecordEvidenceAsync(caller, context);
        await continuation(request, responseStream, context);
    }

    private async ValueTask<AgentCaller?> AuthenticateAsync(ServerCallContext context)
    {
        if (!context.Method.StartsWith(ApiPackagePrefix, StringComparison.Ordinal) || OpenMethods.Contains(context.Method))
        {
            return null;
        }

        var result = await keys.AuthenticateAsync(context.RequestHeaders.GetValue("authorization"), context.CancellationToken);
        if (result.RetryAfter is { } retryAfter)
        {
            throw GrpcErrors.RateLimited(retryAfter, AgentKeyResult.RateLimitedMessage);
        }

        var caller = result.Caller ?? throw GrpcErrors.Unauthenticated(result.Failure!);
        context.SetAgentCaller(caller);
        return caller;
    }

    private async ValueTask RecordEvidenceAsync(AgentCaller? caller, ServerCallContext context)
    {
        if (caller is not null && !NoEvidenceMethods.Contains(context.Method))
        {
            await liveness.RecordAsync(caller.AgentId, context.CancellationToken);
        }
    }
}
