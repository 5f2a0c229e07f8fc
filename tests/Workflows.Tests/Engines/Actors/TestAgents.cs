using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>In-process agents for the runner tests; every execution is recorded by task id.</summary>
public sealed class TestAgents
{
    private readonly ConcurrentQueue<string> _executions = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);

    /// <summary>Task ids in execution order (a task dispatched twice appears twice).</summary>
    public IReadOnlyList<string> Executions => [.. _executions];

    /// <summary>Steps whose tasks never finish until cancelled (the runtime's shutdown cancels them).</summary>
    public HashSet<string> Blocked { get; } = new(StringComparer.Ordinal);

    /// <summary>How many attempts of a step fail before one succeeds.</summary>
    public ConcurrentDictionary<string, int> FailuresBeforeSuccess { get; } = new(StringComparer.Ordinal);

    /// <summary>The traceparent each task id was last dispatched with.</summary>
    public ConcurrentDictionary<string, string?> TraceParents { get; } = new(StringComparer.Ordinal);

    public int CountOf(string taskId) => _executions.Count(t => t == taskId);

    /// <summary>Completes when a task of <paramref name="stepId"/> has started running.</summary>
    public Task StartedAsync(string stepId) => Started(stepId).Task;

    public void RegisterInto(InProcessTaskAgents agents)
    {
        agents.Register("worker", RunAsync, new Dictionary<string, double> { ["work"] = 1.0, ["summarize"] = 0.5 });
        agents.Register("specialist", RunAsync, new Dictionary<string, double> { ["summarize"] = 1.0 });
    }

    private async ValueTask<JsonElement> RunAsync(WorkflowTask task, CancellationToken cancellationToken)
    {
        _executions.Enqueue(task.TaskId);
        TraceParents[task.TaskId] = task.TraceParent;
        Started(task.StepId).TrySetResult();
        if (Blocked.Contains(task.StepId))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (FailuresBeforeSuccess.TryGetValue(task.StepId, out var failures) && task.Attempt <= failures)
        {
            throw new InvalidOperationException($"attempt {task.Attempt} of {task.StepId} fails");
        }

        return JsonSerializer.SerializeToElement(new { step = task.StepId, attempt = task.Attempt, input = task.Input });
    }

    private TaskCompletionSource Started(string stepId) =>
        _started.GetOrAdd(stepId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
