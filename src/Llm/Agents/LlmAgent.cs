using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Llm.Chunking;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Agents;

/// <summary>An LLM agent as the programming model hosts it: agent id <c>llm/&lt;name&gt;</c>, taking <see cref="AgentTaskMessage"/>s
/// from the dispatch port like any in-process agent and answering each with its model's reply.</summary>
/// <remarks>Tasks run as actor turns, one at a time per agent; a throw (budget, provider failure, tool rounds) fails the attempt, with
/// the usage of the round trips it made, and dispatch reassigns the work to the next-best agent. The agent completes its task itself, with
/// the calls' usage, so the usage is recorded with the outcome in the run's history; the runner's own completion that follows is a
/// harmless duplicate. A chunked task that fails after some of its calls finished fails its attempt the same way, with their usage.</remarks>
internal sealed class LlmAgent(ActorHost host, LlmTaskExecutor executor, AgentTaskDispatcher dispatcher) : RoutedAgent(host)
{
    /// <summary>The agent type of every LLM agent.</summary>
    public const string AgentType = "llm";

    [Rpc]
    private async Task<JsonElement> OnTaskAsync(AgentTaskMessage task, CancellationToken cancellationToken)
    {
        LlmTaskResult result;
        try
        {
            result = await executor.RunAsync(AgentId.Key, task.TaskId, task.InstanceId, task.Input, cancellationToken);
        }
        catch (Exception failure) when (LlmTaskExecutor.SpentBefore(failure) is { } spent)
        {
            // Round trips made before the failure were billed: report them with the failure so the run's history records them.
            var error = failure is LlmChunkedTaskException chunked ? chunked.TaskError : $"{failure.GetType().Name}: {failure.Message}";
            await dispatcher.ActAsync(task.TaskId, new TaskAct(AgentId.ToString(), TaskActKind.Fail, Error: error, Usage: spent.ToTaskUsage()), cancellationToken);
            throw;
        }

        await dispatcher.ActAsync(task.TaskId, new TaskAct(AgentId.ToString(), TaskActKind.Complete, result.Output, Usage: result.ToTaskUsage()), cancellationToken);
        return result.Output;
    }
}
