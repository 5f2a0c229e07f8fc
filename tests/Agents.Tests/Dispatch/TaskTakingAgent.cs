using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>An in-process agent that answers a task with its input doubled, or fails when the input is negative.</summary>
internal sealed class TaskTakingAgent(ActorHost host) : RoutedAgent(host)
{
    [Rpc]
    private JsonElement OnTask(AgentTaskMessage task)
    {
        var n = task.Input?.GetInt32() ?? 0;
        return n < 0
            ? throw new InvalidOperationException($"cannot double {n}")
            : JsonSerializer.SerializeToElement(new { doubled = n * 2, by = AgentId.ToString(), task = task.TaskId });
    }
}
