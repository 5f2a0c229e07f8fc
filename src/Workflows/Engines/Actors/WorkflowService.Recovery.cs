using AgentPlatform.Workflows.Decisions;

namespace AgentPlatform.Workflows.Engines.Actors;

public sealed partial class WorkflowService
{
    /// <summary>Resumes every instance the index lists as running: each replays its history, appends what it had decided
    /// but not recorded, re-arms its timers and dispatches its pending tasks again with their ids. Call once at start-up.</summary>
    /// <returns>How many instances were resumed.</returns>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken = default)
    {
        var running = (await ReadIndexAsync(cancellationToken)).Where(s => s.Status == WorkflowStatus.Running).ToList();
        var resumed = 0;
        await Parallel.ForEachAsync(
            running,
            new ParallelOptions { MaxDegreeOfParallelism = _options.ResumeConcurrency, CancellationToken = cancellationToken },
            async (summary, token) =>
            {
                try
                {
                    var reply = await CallInstanceAsync<object?>(summary.InstanceId, InstanceMethods.Resume, null, token);
                    if (reply.Outcome == InstanceOutcome.NotFound)
                    {
                        // Indexed, then the process died before the instance recorded its start.
                        await _runtime.InvokeAsync<string, object?>(IndexActor(summary.InstanceId), IndexMethods.Remove, summary.InstanceId.Value, token);
                        return;
                    }

                    Interlocked.Increment(ref resumed);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.ResumeFailed(_logger, summary.InstanceId.Value, exception);
                }
            });
        Log.ResumedAll(_logger, resumed);
        return resumed;
    }
}
