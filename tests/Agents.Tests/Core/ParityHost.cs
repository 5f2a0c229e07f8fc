using AgentPlatform.Agents.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.Agents.Tests.Core;

/// <summary>The embedded runtime with the parity test agents: <c>plain</c>, <c>desk</c>, <c>silent</c> and <c>counted</c>.</summary>
internal static class ParityHost
{
    public static Task<AgentTestHost> StartAsync(Action<AgentsBuilder>? configure = null, TimeProvider? time = null) => AgentTestHost.StartAsync(
        services =>
        {
            services.AddSingleton<Journal>();
            var agents = services.AddAgents(agents => agents
                .AddAgent<PlainAgent>("plain")
                .AddAgent<DeskAgent>("desk")
                .AddAgent<SilentAgent>("silent")
                .AddAgent<CountedAgent>("counted"));
            configure?.Invoke(agents);
        },
        time);
}
