using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Inbox;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Agents.Rights;
using AgentPlatform.Agents.TaskQueues;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>What every <see cref="AgentTaskActor"/> of a process shares: options, the registry, the agents' workload and inboxes,
/// the in-process runner and the outcome reporter.</summary>
internal sealed class AgentTaskContext(
    AgentTaskOptions options,
    IAgentRegistry registry,
    IAgentWorkload workload,
    IAgentPresence presence,
    InboxService inbox,
    InProcessTaskRunner runner,
    TaskOutcomeReporter reporter,
    IAgentRuntime? agents,
    IAgentRights? rights,
    ITaskQueueObserver queue,
    ILogger logger)
{
    public AgentTaskOptions Options { get; } = options;

    public IAgentRegistry Registry { get; } = registry;

    public IAgentWorkload Workload { get; } = workload;

    public IAgentPresence Presence { get; } = presence;

    public InboxService Inbox { get; } = inbox;

    public InProcessTaskRunner Runner { get; } = runner;

    public TaskOutcomeReporter Reporter { get; } = reporter;

    public ILogger Logger { get; } = logger;

    /// <summary>Told at each state transition which tasks wait for an agent.</summary>
    public ITaskQueueObserver Queue { get; } = queue;

    /// <summary>Where an agent handed a task is recorded as working for the task's instance; null when rights are not in use.</summary>
    public IAgentRights? Rights { get; } = rights;

    /// <summary>True when <paramref name="agentId"/> is <c>type/key</c> of an agent type hosted by this process's agent runtime.</summary>
    public bool IsInProcess(string agentId) =>
        agents is not null && AgentId.TryParse(agentId, out var id) && agents.IsAgentType(id.Type);
}
