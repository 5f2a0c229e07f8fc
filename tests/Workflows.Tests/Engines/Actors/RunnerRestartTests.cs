using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

public sealed class RunnerRestartTests
{
    [Fact]
    public async Task A_restart_mid_workflow_resumes_by_replay_without_running_completed_tasks_again()
    {
        await using var harness = await RunnerHarness.StartAsync(agents => agents.Blocked.Add("b"));
        await harness.RegisterAsync("""
            id: three
            steps:
              - { id: a, kind: agent_task, agent: worker }
              - { id: b, kind: agent_task, agent: worker }
              - { id: nap, kind: wait, duration: 1h }
              - { id: c, kind: agent_task, agent: worker }
            """);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "three", InstanceId = Id("r-1") }, TestTimeout.After());
        await harness.Agents.StartedAsync("b").WithTimeout();
        Assert.Equal(["r-1:a:1", "r-1:b:1"], harness.Agents.Executions);

        Assert.Equal(1, await harness.RestartAsync());
        var afterB = harness.Results.WhenRecordedAsync(1);
        await harness.Agents.StartedAsync("b").WithTimeout();
        await afterB.WithTimeout();

        // b ran again with the same task id; a did not. The wait's reminder was persisted by the runtime.
        Assert.Equal(["r-1:b:1"], harness.Agents.Executions);
        Assert.Equal(1, await harness.RestartAsync());
        Assert.Empty(harness.Agents.Executions);
        var finished = harness.Workflows.WaitForCompletionAsync(Id("r-1"), TestTimeout.After());
        harness.Time.Advance(TimeSpan.FromHours(1));
        var final = await finished;

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["r-1:c:1"], harness.Agents.Executions);
        var history = (await harness.Workflows.GetHistoryAsync(Id("r-1"), TestTimeout.After()))!;
        Assert.Equal(["r-1:a:1", "r-1:b:1", "r-1:c:1"], history.OfType<TaskScheduled>().Select(t => t.TaskId));
        Assert.Equal(["r-1:a:1", "r-1:b:1", "r-1:c:1"], history.OfType<TaskCompleted>().Select(t => t.TaskId));
        Assert.All(history.OfType<TaskCompleted>(), t => Assert.Equal("worker", t.AgentId));
        Assert.Equal(0, await harness.RestartAsync());
    }

    [Fact]
    public async Task A_long_history_spanning_many_pages_reloads_intact_after_a_restart()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var steps = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"  - {{ id: s{i}, kind: agent_task, agent: worker }}"));
        await harness.RegisterAsync("id: long\nsteps:\n" + steps + "\n  - { id: hold, kind: wait, event: { name: go } }\n");
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "long", InstanceId = Id("long-1") }, TestTimeout.After());
        await harness.Results.WhenRecordedAsync(60).WithTimeout();
        var before = await harness.Workflows.GetHistoryAsync(Id("long-1"), TestTimeout.After());

        await harness.RestartAsync();
        var after = await harness.Workflows.GetHistoryAsync(Id("long-1"), TestTimeout.After());
        await harness.Workflows.RaiseEventAsync(Id("long-1"), "go", null, TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("long-1"), TestTimeout.After());

        Assert.True(before!.Count > 120);
        Assert.Equal(before.Select(e => (e.Sequence, e.GetType())), after!.Select(e => (e.Sequence, e.GetType())));
        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Empty(harness.Agents.Executions);
    }

    [Fact]
    public async Task A_task_scheduled_by_a_reminder_due_at_start_up_is_not_dispatched_again_by_resume()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: sleeper
            steps:
              - { id: nap, kind: wait, duration: 1h }
              - { id: c, kind: agent_task, agent: worker }
            """);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "sleeper", InstanceId = Id("due-1") }, TestTimeout.After());

        // The clock passes the wait while the runtime is down; the due reminder fires at start-up, before resume runs.
        var resumed = await harness.RestartAsync(
            agents => agents.Blocked.Add("c"),
            async () =>
            {
                harness.Time.Advance(TimeSpan.FromHours(1));
                await harness.Agents.StartedAsync("c").WithTimeout();
            });

        Assert.Equal(1, resumed);
        Assert.Equal(["due-1:c:1"], harness.Agents.Executions);
        var state = await harness.Workflows.GetStatusAsync(Id("due-1"), TestTimeout.After());
        Assert.Equal("due-1:c:1", Assert.Single(state!.PendingTasks).TaskId);
    }
}
