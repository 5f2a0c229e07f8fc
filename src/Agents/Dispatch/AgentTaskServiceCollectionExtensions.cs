using System.Diagnostics.Metrics;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Agents.TaskQueues;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers task dispatch to agents.</summary>
public static class AgentTaskServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AgentTaskDispatcher"/>, its options (validated on start) and the actor types <c>agent-task</c> and
    /// <c>agent-task-exclusions</c>, with the registry; calling it twice registers nothing twice.</summary>
    /// <remarks>Needs channels and inboxes (<c>AddChannels</c>) and an <see cref="IAgentTaskOutcomeSink"/>; in-process agents are
    /// reached when an <see cref="IAgentRuntime"/> is registered (<c>AddAgents</c>).</remarks>
    public static IServiceCollection AddAgentTasks(this IServiceCollection services, Action<AgentTaskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentTaskOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddAgentRegistry();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentTaskOptions>, AgentTaskOptionsValidator>());
        services.TryAddSingleton(sp => new InProcessTaskRunner(sp, LoggerOf<InProcessTaskRunner>(sp)));
        services.TryAddSingleton(sp => new TaskOutcomeReporter(sp, LoggerOf<TaskOutcomeReporter>(sp)));
        services.TryAddSingleton<AgentTaskDispatcher>();
        services.TryAddSingleton(sp => new TaskQueueIndex(sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new AgentTaskContext(
            sp.GetRequiredService<IOptions<AgentTaskOptions>>().Value,
            sp.GetRequiredService<IAgentRegistry>(),
            sp.GetRequiredService<IAgentWorkload>(),
            sp.GetRequiredService<IAgentPresence>(),
            sp.GetRequiredService<InboxService>(),
            sp.GetRequiredService<InProcessTaskRunner>(),
            sp.GetRequiredService<TaskOutcomeReporter>(),
            sp.GetService<IAgentRuntime>(),
            sp.GetService<IAgentRights>(),
            sp.GetRequiredService<TaskQueueIndex>(),
            LoggerOf<AgentTaskDispatcher>(sp)));
        services.AddActorType(AgentTaskActor.TypeName, CreateTaskActor);
        services.AddActorType(TaskExclusionsActor.TypeName, CreateExclusionsActor);

        return services;
    }

    private static ILogger LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(typeof(T)) ?? NullLogger.Instance;

    private static AgentTaskActor CreateTaskActor(ActorHost host) => new(host, host.Services.GetRequiredService<AgentTaskContext>());

    private static TaskExclusionsActor CreateExclusionsActor(ActorHost host) =>
        new(host, host.Services.GetRequiredService<IOptions<AgentTaskOptions>>().Value);
}
