using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Agents;

/// <summary>An LLM agent as the programming model hosts it: agent id <c>llm/&lt;name&gt;</c>, taking <see cref="AgentTaskMessage"/>s
/// from the dispatch port like any in-process agent and answering each with its model's reply.</summary>
/// <remarks>Tasks run as actor turns, one at a time per agent; a throw (budget, provider failure) fails the attempt, and dispatch
/// reassigns the work to the next-best agent.</remarks>
internal sealed class LlmAgent(ActorHost host, LlmTaskExecutor executor) : RoutedAgent(host)
{
    /// <summary>The agent type of every LLM agent.</summary>
    public const string AgentType = "llm";

    [Rpc]
    private async Task<JsonElement> OnTaskAsync(AgentTaskMessage task, CancellationToken cancellationToken) =>
        (await executor.RunAsync(AgentId.Key, task.TaskId, task.InstanceId, task.Input, cancellationToken)).Output;
}
