using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Dispatches tasks to handlers registered in <see cref="InProcessTaskAgents"/>, on the thread pool, and reports
/// their outcome to the <see cref="IWorkflowTaskResultSink"/>.</summary>
/// <remarks>A selector no registered agent matches fails the attempt at once (the step's retry policy applies).
/// A task the engine cancels has its handler's token cancelled and its outcome is not reported. Disposing cancels running
/// handlers; their tasks are not reported and are dispatched again after the restart.</remarks>
public sealed class InProcessTaskDispatcher : IWorkflowTaskDispatcher, IDisposable
{
    private readonly InProcessTaskAgents _agents;
    private readonly IWorkflowTaskResultSink _sink;
    private readonly ILogger<InProcessTaskDispatcher> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Creates the dispatcher.</summary>
    public InProcessTaskDispatcher(InProcessTaskAgents agents, IWorkflowTaskResultSink sink, ILogger<InProcessTaskDispatcher> logger)
    {
        _agents = agents;
        _sink = sink;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask DispatchAsync(WorkflowTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        _running[task.TaskId] = run;
        _ = Task.Run(() => RunAsync(task, run), CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask CancelAsync(string taskId, string reason, CancellationToken cancellationToken = default)
    {
        TryCancel(taskId);
        return ValueTask.CompletedTask;
    }

    /// <summary>Cancels the handler running <paramref name="taskId"/>; false when this dispatcher runs no such task.</summary>
    public bool TryCancel(string taskId)
    {
        if (!_running.TryRemove(taskId, out var run))
        {
            return false;
        }

        run.Cancel();
        return true;
    }

    /// <summary>Cancels running handlers.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(WorkflowTask task, CancellationTokenSource run)
    {
        try
        {
            await RunAndReportAsync(task, run.Token);
        }
        finally
        {
            _running.TryRemove(KeyValuePair.Create(task.TaskId, run));
            run.Dispose();
        }
    }

    private async Task RunAndReportAsync(WorkflowTask task, CancellationToken stopping)
    {
        WorkflowTaskResult result;
        var agent = _agents.Resolve(task.Agent);
        if (agent is null)
        {
            result = WorkflowTaskResult.Failure(task.TaskId, $"No in-process agent matches the selector of step '{task.StepId}'.");
        }
        else
        {
            try
            {
                var output = await agent.Handler(task, stopping);
                result = WorkflowTaskResult.Success(task.TaskId, output, agent.Id);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                result = WorkflowTaskResult.Failure(task.TaskId, $"{exception.GetType().Name}: {exception.Message}", agent.Id);
            }
        }

        try
        {
            await _sink.ReportAsync(result, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down or cancelled: after a restart the instance dispatches the task again if it still waits for it.
        }
        catch (Exception exception)
        {
            Log.TaskResultNotRecorded(_logger, task.TaskId, exception);
        }
    }
}
