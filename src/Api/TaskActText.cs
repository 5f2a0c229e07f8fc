using System.Text.Json;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Api;

/// <summary>The refusals of an agent's act on a task and the wire names of task enums, the same over HTTP and gRPC.</summary>
public static class TaskActText
{
    /// <summary>The act came from an agent that does not hold the task; nothing changed.</summary>
    public static string NotAssigned(string agentId, string taskId) =>
        $"Agent '{agentId}' is not assigned task '{ClientText.Printable(taskId)}'; only the agent holding a task may act on it.";

    /// <summary>A lease heartbeat for a task that has already ended.</summary>
    public static string Ended(string taskId, AgentTaskStatus? task) =>
        $"Task '{ClientText.Printable(taskId)}' has ended ({(task?.End is { } end ? Name(end) : "finished")}); stop working on it.";

    /// <summary>The JSON name of a platform enum value, as the HTTP API writes it.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value).Trim('"');
}
