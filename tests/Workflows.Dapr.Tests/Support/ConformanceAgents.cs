using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Dapr.Tests.Support;

/// <summary>In-process agents shared by both engines' tests: every run is recorded with when it started and ended.</summary>
public sealed class ConformanceAgents
{
    private readonly ConcurrentQueue<AgentRun> _runs = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);

    /// <summary>Every run in start order (a task delivered twice appears twice).</summary>
    public IReadOnlyList<AgentRun> Runs => [.. _runs];

    /// <summary>Task ids in start order.</summary>
    public IReadOnlyList<string> Executions => [.. _runs.Select(r => r.TaskId)];

    /// <summary>Task ids whose run was cancelled by the engine (or by the app's shutdown).</summary>
    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    /// <summary>Steps whose tasks never finish until cancelled (the app's shutdown cancels them).</summary>
    public HashSet<string> Blocked { get; } = new(StringComparer.Ordinal);

    /// <summary>How many attempts of a step fail before one succeeds.</summary>
    public ConcurrentDictionary<string, int> FailuresBeforeSuccess { get; } = new(StringComparer.Ordinal);

    /// <summary>How many runs of a step fail, counted over every instance (a retried child workflow starts its attempts at 1 again).</summary>
    public ConcurrentDictionary<string, int> FailingRuns { get; } = new(StringComparer.Ordinal);

    /// <summary>How long the first attempt of a step takes (later attempts answer at once).</summary>
    public ConcurrentDictionary<string, TimeSpan> FirstAttemptDelay { get; } = new(StringComparer.Ordinal);

    /// <summary>How long every attempt takes.</summary>
    public TimeSpan EveryTaskDelay { get; set; }

    /// <summary>Completes when a task of <paramref name="stepId"/> has started running.</summary>
    public Task StartedAsync(string stepId) => Started(stepId).Task;

    public void RegisterInto(InProcessTaskAgents agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        agents.Register("worker", (task, token) => RunAsync("worker", task, token), new Dictionary<string, double> { ["work"] = 1.0, ["summarize"] = 0.5 });
        agents.Register("specialist", (task, token) => RunAsync("specialist", task, token), new Dictionary<string, double> { ["summarize"] = 1.0 });
    }

    private async ValueTask<JsonElement> RunAsync(string agent, WorkflowTask task, CancellationToken cancellationToken)
    {
        try
        {
            return await RunUntilCancelledAsync(agent, task, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _cancelled.Enqueue(task.TaskId);
            throw;
        }
    }

    private async ValueTask<JsonElement> RunUntilCancelledAsync(string agent, WorkflowTask task, CancellationToken cancellationToken)
    {
        var run = new AgentRun(task.TaskId, task.StepId, task.Attempt, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), agent);
        _runs.Enqueue(run);
        Started(task.StepId).TrySetResult();
        if (Blocked.Contains(task.StepId))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await Task.Delay(EveryTaskDelay, cancellationToken);
        if (task.Attempt == 1 && FirstAttemptDelay.TryGetValue(task.StepId, out var delay))
        {
            await Task.Delay(delay, cancellationToken);
        }

        if (FailuresBeforeSuccess.TryGetValue(task.StepId, out var failures) && task.Attempt <= failures)
        {
            throw new InvalidOperationException($"attempt {task.Attempt} of {task.StepId} fails");
        }

        if (FailingRuns.TryGetValue(task.StepId, out var failing) && failing > 0 && FailingRuns.TryUpdate(task.StepId, failing - 1, failing))
        {
            throw new InvalidOperationException($"this run of {task.StepId} fails");
        }

        return JsonSerializer.SerializeToElement(new { step = task.StepId, attempt = task.Attempt, input = task.Input });
    }

    private TaskCompletionSource Started(string stepId) =>
        _started.GetOrAdd(stepId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>One agent run: which attempt, when it started (wall clock and monotonic), and which agent ran it.</summary>
public sealed record AgentRun(string TaskId, string StepId, int Attempt, DateTimeOffset StartedAt, long StartedTimestamp, string Agent);
