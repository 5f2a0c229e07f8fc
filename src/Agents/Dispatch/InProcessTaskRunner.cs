using System.Collections.Concurrent;
using System.Text.Json;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Runs tasks assigned to in-process agents off the task actor's turn: an <see cref="AgentTaskMessage"/> sent to the
/// <see cref="RoutedAgent"/>, whose response becomes the output (a thrown exception, the failure), posted back as the agent's act.</summary>
/// <remarks>Runs live in this process's memory: after a restart the task is dispatched again and runs again. Resolves the agent
/// runtime and the dispatcher lazily, since both depend on services registered after it.</remarks>
internal sealed class InProcessTaskRunner(IServiceProvider services, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The runs each in-process agent holds; a run counts from its agent's pick (or its start) to its end.</summary>
    public InProcessAgentLoad Load { get; } = new();

    public bool IsRunning(string taskId) => _running.ContainsKey(taskId);

    /// <param name="task">The task to run.</param>
    /// <param name="agentId">The in-process agent.</param>
    /// <param name="deadline">When the attempt times out.</param>
    /// <param name="counted">True when the run was already counted in <see cref="Load"/> at the agent's pick.</param>
    public void Start(AgentTask task, string agentId, DateTimeOffset? deadline, bool counted = false)
    {
        if (!counted)
        {
            Load.Add(agentId);
        }

        var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (!_running.TryAdd(task.TaskId, run))
        {
            Load.Remove(agentId);
            run.Dispose();
            return;
        }

        _ = Task.Run(() => RunAsync(task, agentId, deadline, run), CancellationToken.None);
    }

    public void Stop(string taskId)
    {
        if (_running.TryRemove(taskId, out var run))
        {
            run.Cancel();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(AgentTask task, string agentId, DateTimeOffset? deadline, CancellationTokenSource run)
    {
        try
        {
            TaskAct act;
            try
            {
                var runtime = services.GetRequiredService<IAgentRuntime>();
                var message = new AgentTaskMessage(task.TaskId, task.StepId, task.Attempt, task.Input, deadline, task.InstanceId);
                var response = await runtime.SendMessageAsync(message, AgentId.Parse(agentId), timeout: task.Timeout, cancellationToken: run.Token);
                var output = response switch
                {
                    null => (JsonElement?)null,
                    JsonElement json => json,
                    _ => JsonSerializer.SerializeToElement(response, response.GetType(), ActorJson.Options),
                };
                act = new TaskAct(agentId, TaskActKind.Complete, output);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                act = new TaskAct(agentId, TaskActKind.Fail, Error: $"{failure.GetType().Name}: {failure.Message}");
            }
            finally
            {
                // The agent is free once it has answered; recording the answer no longer needs it.
                Load.Remove(agentId);
            }

            await services.GetRequiredService<AgentTaskDispatcher>().ActAsync(task.TaskId, act, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            // Stopped: the attempt was cancelled or the host is shutting down.
        }
        catch (Exception failure)
        {
            Log.InProcessTaskNotSettled(logger, failure, task.TaskId, agentId);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(task.TaskId, run));
            run.Dispose();
        }
    }
}
