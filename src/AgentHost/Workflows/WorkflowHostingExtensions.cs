using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.AgentHost.Teams;
using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the workflow runner into the host.</summary>
public static class WorkflowHostingExtensions
{
    /// <summary>Adds the definition limits (options from <c>Workflows:Limits</c>), the engine <c>Workflows:Engine</c>
    /// selects (see <see cref="WorkflowEngineServiceCollectionExtensions"/>), the in-process steps of team projects
    /// (<see cref="TeamProjectAgents"/>), and the built-in agents when <c>Workflows:BuiltInAgents:Enabled</c> is true.</summary>
    public static IServiceCollection AddPlatformWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builtIn = configuration.GetSection(BuiltInAgentsOptions.SectionName).Get<BuiltInAgentsOptions>() ?? new BuiltInAgentsOptions();
        if (builtIn.DelayMilliseconds is < 0 or > 60_000)
        {
            throw new InvalidOperationException($"{BuiltInAgentsOptions.SectionName}:DelayMilliseconds must be between 0 and 60000.");
        }

        if (builtIn.Enabled)
        {
            var dataDirectory = configuration.GetSection(PlatformRuntimeOptions.SectionName).Get<PlatformRuntimeOptions>()?.DataDirectory ?? "data";
            services.AddSingleton(sp => new TaskExecutionRecord(
                Path.Combine(Path.GetFullPath(dataDirectory), BuiltInAgentsOptions.ExecutionLogFileName), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton(sp =>
        {
            var agents = new InProcessTaskAgents();
            TeamProjectAgents.Register(agents, sp);
            if (builtIn.Enabled)
            {
                BuiltInAgents.RegisterEcho(
                    agents, sp.GetRequiredService<TaskExecutionRecord>(), sp.GetRequiredService<TimeProvider>(), TimeSpan.FromMilliseconds(builtIn.DelayMilliseconds));
                BuiltInAgents.RegisterNoop(agents);
            }

            return agents;
        });

        services.AddWorkflowLimits(options => configuration.GetSection(WorkflowLimitsOptions.SectionName).Bind(options));
        services.AddWorkflowEngine(configuration);
        return services;
    }
}
