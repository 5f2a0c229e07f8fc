using Grpc.Core;

namespace AgentPlatform.Api.Grpc;

/// <summary>Access to the agent a gRPC call is authenticated as (set by <see cref="AgentKeyInterceptor"/>).</summary>
public static class AgentCallContext
{
    internal const string CallerKey = "agentplatform.caller";

    /// <summary>The authenticated agent.</summary>
    /// <exception cref="InvalidOperationException">The call was not authenticated (an open method such as Register).</exception>
    public static AgentCaller GetAgentCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.UserState.TryGetValue(CallerKey, out var caller) && caller is AgentCaller agent
            ? agent
            : throw new InvalidOperationException("No agent caller: the method is not behind the agent key check.");
    }

    internal static void SetAgentCaller(this ServerCallContext context, AgentCaller caller) => context.UserState[CallerKey] = caller;
}
