using System.Text.Json;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Registers the host's built-in in-process agents.</summary>
public static class BuiltInAgents
{
    /// <summary>The echo agent's id and capability.</summary>
    public const string Echo = "echo";

    /// <summary>The noop agent's id and capability.</summary>
    public const string Noop = "noop";

    /// <summary>The noop agent's team role: it stands in for the executors of team benchmarks, whose sub-tasks only executors take.</summary>
    public const string NoopRole = "executor";

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

    /// <summary>Registers <c>noop</c>: returns the task input at once, with no I/O of its own and no delay, so what a
    /// workflow of <c>noop</c> steps costs is the engine's own work (its durable appends and dispatch). It has the role
    /// <see cref="NoopRole"/>.</summary>
    public static void RegisterNoop(InProcessTaskAgents agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        agents.Register(Noop, (task, _) => ValueTask.FromResult(task.Input ?? JsonNull), new Dictionary<string, double> { [Noop] = 1.0 }, NoopRole);
    }
}
