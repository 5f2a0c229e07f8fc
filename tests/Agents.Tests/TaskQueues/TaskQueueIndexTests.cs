using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Dispatch;
using AgentPlatform.Agents.TaskQueues;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.TaskQueues;

public sealed class TaskQueueIndexTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_task_waits_while_unmatched_and_delivered_and_stops_at_its_first_act()
    {
        using var index = new TaskQueueIndex(new ManualTimeProvider(Start));
        ITaskQueueObserver observer = index;
        var waiting = Record("t1", AgentTaskState.Waiting, capabilities: ["translate", "summarize"]);

        observer.Unmatched(waiting);
        var unmatched = index.Snapshot();
        observer.Assigned(waiting with { State = AgentTaskState.Assigned, AgentId = "ada", AssignedAt = Start, LeaseUntil = Start + Lease });
        var delivered = index.Snapshot();
        observer.Acted(waiting, Start.AddSeconds(3));

        Assert.Equal(["summarize", "translate"], unmatched.Queues.Select(q => q.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, unmatched.Waiting);
        Assert.Equal(0, unmatched.InboxBacklog[MessagePriority.High]);
        Assert.Equal(1, delivered.InboxBacklog[MessagePriority.High]);
        Assert.Equal(0, index.Snapshot().Waiting);
    }

    [Fact]
    public void Reactivation_counts_waiting_and_unread_deliveries_but_not_a_task_whose_lease_was_extended()
    {
        using var index = new TaskQueueIndex(new ManualTimeProvider(Start));
        ITaskQueueObserver observer = index;
        var unread = Record("unread", AgentTaskState.Assigned, agentId: "ada") with { AssignedAt = Start, LeaseUntil = Start + Lease };
        var heartbeated = unread with { Task = unread.Task with { TaskId = "read" }, LeaseUntil = Start.AddSeconds(5) + Lease };

        observer.Activated(Record("unmatched", AgentTaskState.Waiting, capabilities: ["translate"]), Lease);
        observer.Activated(unread, Lease);
        observer.Activated(heartbeated, Lease);
        observer.Activated(null, Lease);
        var snapshot = index.Snapshot();
        observer.Deactivated("unread");
        observer.Finished("unmatched");

        Assert.Equal(2, snapshot.Waiting);
        Assert.Equal(["agent:ada", "translate"], snapshot.Queues.Select(q => q.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, index.Snapshot().Waiting);
    }

    [Fact]
    public void An_in_process_agent_picks_the_task_up_when_it_is_handed_it()
    {
        using var index = new TaskQueueIndex(new ManualTimeProvider(Start));
        ITaskQueueObserver observer = index;
        var record = Record("t2", AgentTaskState.Waiting, capabilities: ["echo"]);

        observer.Unmatched(record);
        observer.Assigned(record with { State = AgentTaskState.Assigned, AgentId = "echo/1", InProcess = true, AssignedAt = Start.AddSeconds(1) });

        Assert.Empty(index.Snapshot().Queues);
    }

    private static AgentTaskRecord Record(string taskId, AgentTaskState state, string[]? capabilities = null, string? agentId = null) => new()
    {
        Task = new AgentTask
        {
            TaskId = taskId,
            WorkKey = "work",
            StepId = "step",
            Attempt = 1,
            AgentId = capabilities is null ? agentId : null,
            Capabilities = capabilities?.ToDictionary(c => c, _ => 1.0),
            Priority = MessagePriority.High,
        },
        State = state,
        DispatchedAt = Start,
        AgentId = state == AgentTaskState.Assigned ? agentId : null,
    };
}
