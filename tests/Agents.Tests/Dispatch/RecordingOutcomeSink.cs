using System.Collections.Concurrent;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Agents.Tests.Dispatch;

/// <summary>Records every reported task outcome and lets a test await the next one of a task.</summary>
internal sealed class RecordingOutcomeSink : IAgentTaskOutcomeSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AgentTaskOutcome>> _first = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AgentTaskOutcome> _all = new();

    public IReadOnlyList<AgentTaskOutcome> All => [.. _all];

    public ValueTask ReportAsync(AgentTaskOutcome outcome, CancellationToken cancellationToken = default)
    {
        _all.Enqueue(outcome);
        Slot(outcome.TaskId).TrySetResult(outcome);
        return ValueTask.CompletedTask;
    }

    public Task<AgentTaskOutcome> OutcomeOf(string taskId) => Slot(taskId).Task;

    private TaskCompletionSource<AgentTaskOutcome> Slot(string taskId) =>
        _first.GetOrAdd(taskId, static _ => new TaskCompletionSource<AgentTaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
}
