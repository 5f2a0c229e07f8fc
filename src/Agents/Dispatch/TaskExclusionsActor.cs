using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>The agents whose attempt at one piece of work (one <see cref="AgentTask.WorkKey"/>) failed, in the order they failed, so that
/// later attempts go to the next-best agent (or, for work that keeps its agent, back to the last of them); one actor per work key, its
/// list durable.</summary>
/// <remarks>The list goes when an attempt of the work completes (<see cref="ClearMethod"/>), or
/// <see cref="AgentTaskOptions.RetainEnded"/> after the last failed attempt, when no further attempt came.</remarks>
internal sealed class TaskExclusionsActor(ActorHost host, AgentTaskOptions options) : Actor(host)
{
    public const string TypeName = "agent-task-exclusions";
    public const string AddMethod = "add";
    public const string ListMethod = "list";
    public const string ClearMethod = "clear";

    private const string StateKey = "agents";
    private const string ExpiryReminder = "expire";

    private List<string> _agents = [];

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        _agents = await StateManager.GetStateOrDefaultAsync<List<string>?>(StateKey, null, cancellationToken) ?? [];

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case ListMethod:
                return _agents.ToList();
            case AddMethod:
                var agentId = ActorPayload.Read<string>(call);
                // An agent that failed again moves to the end: the last entry is always the agent of the latest failed attempt.
                if (_agents.Count == 0 || _agents[^1] != agentId)
                {
                    _agents = [.. _agents.Where(a => a != agentId), agentId];
                    StateManager.SetState(StateKey, _agents);
                    await Task.WhenAll(
                        StateManager.SaveStateAsync(cancellationToken).AsTask(),
                        RegisterReminderAsync(new ReminderRegistration(ExpiryReminder, options.RetainEnded), cancellationToken));
                }

                return true;
            case ClearMethod:
                // Earlier attempts that excluded nobody (cancelled, unassignable) or whose exclusions expired left nothing to clear.
                if (_agents.Count > 0)
                {
                    await ForgetAsync(cancellationToken);
                }

                return true;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (reminder.Name != ExpiryReminder)
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        await ForgetAsync(cancellationToken);
    }

    public static ActorId Address(string workKey) => ActorId.Create(TypeName, workKey);

    private async Task ForgetAsync(CancellationToken cancellationToken)
    {
        _agents = [];
        StateManager.RemoveState(StateKey);
        await Task.WhenAll(StateManager.SaveStateAsync(cancellationToken).AsTask(), UnregisterReminderAsync(ExpiryReminder, cancellationToken));
    }
}
