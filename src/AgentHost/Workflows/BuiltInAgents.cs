using System.Text.Json;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Registers the host's built-in in-process agents.</summary>
public static class BuiltInAgents
{
    /// <summary>The echo agent's id and capability.</summary>
    public const string Echo = "echo";

    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement;

    /// <summary>Registers <c>echo</c>: records the execution durably, then returns the task input.</summary>
    public static void RegisterEcho(InProcessTaskAgents agents, TaskExecutionRecord record, TimeProvider time, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(agents);
        agents.Register(
            Echo,
            async (task, cancellationToken) =>
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, cancellationToken);
                }

                record.Append(task.TaskId);
                return task.Input ?? JsonNull;
            },
            new Dictionary<string, double> { [Echo] = 1.0 });
    }
}
