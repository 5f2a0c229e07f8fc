using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Hands tasks to agents and takes their results, heartbeats and rejections; every call is a turn of the task's
/// <see cref="AgentTaskActor"/>, so assignments and leases are shared by every process of the runtime.</summary>
/// <remarks>Outcomes go to the registered <see cref="IAgentTaskOutcomeSink"/>. Only the agent holding a task may act on it; a
/// duplicate or late act changes nothing and says so (<see cref="TaskActStatus"/>).</remarks>
public sealed class AgentTaskDispatcher
{
    private readonly IActorRuntime _actors;

    /// <summary>Creates the dispatcher over <paramref name="actors"/>, which must host the task actor types (<c>AddAgentTasks</c>).</summary>
    public AgentTaskDispatcher(IActorRuntime actors) => _actors = actors;

    /// <summary>Accepts <paramref name="task"/>: matching and delivery happen in the task's actor after this returns. Dispatching
    /// the same task id again is harmless: a finished task reports its outcome again, an assigned one is handed to its agent again.</summary>
    public ValueTask DispatchAsync(AgentTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return _actors.PostAsync(AgentTaskActor.Address(task.TaskId), AgentTaskActor.DispatchMethod, task, cancellationToken);
    }

    /// <summary>Applies an agent's result, heartbeat or rejection to task <paramref name="taskId"/>.</summary>
    public async ValueTask<TaskActReply> ActAsync(string taskId, TaskAct act, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(act);
        if (!ActorNames.IsValid(taskId))
        {
            return new TaskActReply(TaskActStatus.NotFound, null);
        }

        return await _actors.InvokeAsync<TaskAct, TaskActReply>(AgentTaskActor.Address(taskId), AgentTaskActor.ActMethod, act, cancellationToken);
    }

    /// <summary>Ends task <paramref name="taskId"/> because its dispatcher's caller no longer needs it; the agent holding it gets a
    /// <c>task_cancelled</c> message. Not reported to the sink. A finished or unknown task is left alone.</summary>
    public ValueTask CancelAsync(string taskId, string reason, CancellationToken cancellationToken = default) =>
        ActorNames.IsValid(taskId)
            ? _actors.PostAsync(AgentTaskActor.Address(taskId), AgentTaskActor.CancelMethod, reason, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Reads task <paramref name="taskId"/>, or null when it was never dispatched.</summary>
    public async ValueTask<AgentTaskStatus?> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
        ActorNames.IsValid(taskId)
            ? await _actors.InvokeAsync<object?, AgentTaskStatus?>(AgentTaskActor.Address(taskId), AgentTaskActor.GetMethod, null, cancellationToken)
            : null;
}
