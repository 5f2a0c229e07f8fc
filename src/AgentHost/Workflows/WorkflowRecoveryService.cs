using AgentPlatform.Workflows.Engines.Actors;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Once the host has started, resumes every workflow instance that was running when the process last stopped.</summary>
public sealed class WorkflowRecoveryService(IHostApplicationLifetime lifetime, WorkflowService workflows) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        await workflows.ResumeAllAsync(stoppingToken);
    }
}
