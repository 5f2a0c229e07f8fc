using AgentPlatform.Workflows.Dispatch;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Forwards results to the real sink and lets a test await the moment the n-th result has been recorded
/// (the instance's turn, including the commands it performed, has finished).</summary>
public sealed class RecordingResultSink(IWorkflowTaskResultSink inner) : IWorkflowTaskResultSink
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _recorded;

    public int Recorded
    {
        get
        {
            lock (_gate)
            {
                return _recorded;
            }
        }
    }

    public async ValueTask ReportAsync(WorkflowTaskResult result, CancellationToken cancellationToken = default)
    {
        await inner.ReportAsync(result, cancellationToken);
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _recorded++;
            ready = [.. _waiters.Where(w => w.Count <= _recorded).Select(w => w.Signal)];
            _waiters.RemoveAll(w => w.Count <= _recorded);
        }

        foreach (var signal in ready)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> results have been recorded since the harness started.</summary>
    public Task WhenRecordedAsync(int count)
    {
        lock (_gate)
        {
            if (_recorded >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }
}
