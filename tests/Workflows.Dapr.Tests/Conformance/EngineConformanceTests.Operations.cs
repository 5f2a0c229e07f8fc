using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task An_event_wait_completes_with_the_payload_of_the_raised_event()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: approval
            steps:
              - { id: ask, kind: wait, event: { name: approved } }
              - { id: act, kind: agent_task, agent: worker, input: "${steps.ask.output.by}" }
            """);
        await StartInstanceAsync(engine, "approval", "event-1");
        await UntilAsync(engine, "event-1", s => s.CurrentSteps.Contains("ask"));

        await engine.Workflows.RaiseEventAsync(Id("event-1"), "approved", JsonSerializer.SerializeToElement(new { by = "ana" }), TestTimeout.After());
        var final = await engine.Workflows.WaitForCompletionAsync(Id("event-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("\"ana\"", final.Steps.Single(s => s.StepId == "act").Output!.Value.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task A_start_that_waits_answers_the_final_state_or_the_running_state_when_the_wait_passes()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: quick
            steps:
              - { id: work, kind: agent_task, agent: worker, input: "${input.n}" }
            """);
        await RegisterAsync(engine, """
            id: held
            steps:
              - { id: ask, kind: wait, event: { name: go } }
            """);

        var done = await engine.Workflows.StartAndWaitAsync(
            new WorkflowStartRequest { DefinitionId = "quick", InstanceId = Id("waited-1"), Input = JsonSerializer.SerializeToElement(new { n = 7 }) },
            TimeSpan.FromSeconds(30), TestTimeout.After());
        var held = await engine.Workflows.StartAndWaitAsync(
            new WorkflowStartRequest { DefinitionId = "held", InstanceId = Id("waited-2") }, TimeSpan.FromMilliseconds(300), TestTimeout.After());

        Assert.True(done.Created);
        Assert.Equal(WorkflowStatus.Completed, done.Instance.Status);
        Assert.Equal(7, done.Instance.Steps.Single(s => s.StepId == "work").Output!.Value.GetProperty("input").GetInt32());
        Assert.True(held.Created);
        Assert.Equal(WorkflowStatus.Running, held.Instance.Status);
    }

    [Fact]
    public async Task An_event_raised_before_its_wait_starts_is_consumed_when_it_does()
    {
        await using var engine = await StartAsync(agents => agents.FirstAttemptDelay["first"] = TimeSpan.FromMilliseconds(500));
        await RegisterAsync(engine, """
            id: early
            steps:
              - { id: first, kind: agent_task, agent: worker }
              - { id: ask, kind: wait, event: { name: go, timeout: 10s } }
            """);
        await StartInstanceAsync(engine, "early", "early-1");

        await engine.Workflows.RaiseEventAsync(Id("early-1"), "go", JsonSerializer.SerializeToElement(7), TestTimeout.After());
        var final = await engine.Workflows.WaitForCompletionAsync(Id("early-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(7, final.Steps.Single(s => s.StepId == "ask").Output!.Value.GetInt32());
    }

    [Fact]
    public async Task An_event_wait_with_a_timeout_fails_the_step_when_nothing_arrives()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: impatient
            steps:
              - { id: ask, kind: wait, event: { name: approved, timeout: 300ms }, on_failure: continue }
              - { id: fallback, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "impatient", "event-timeout-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var ask = final.Steps.Single(s => s.StepId == "ask");
        Assert.Equal(StepStatus.Failed, ask.Status);
        Assert.True(ask.EndedAt - ask.StartedAt >= TimeSpan.FromMilliseconds(300));
        Assert.Equal(["event-timeout-1:fallback:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task A_duration_wait_ends_no_earlier_than_its_duration()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: sleepy
            steps:
              - { id: nap, kind: wait, duration: 400ms }
              - { id: after, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "sleepy", "wait-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var nap = final.Steps.Single(s => s.StepId == "nap");
        Assert.True(nap.EndedAt - nap.StartedAt >= TimeSpan.FromMilliseconds(400));
        Assert.Equal(["wait-1:after:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task Termination_stops_the_instance_and_it_then_takes_no_events()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, """
            id: stuck
            steps:
              - { id: stuck, kind: agent_task, agent: worker }
              - { id: never, kind: agent_task, agent: worker }
            """);
        await StartInstanceAsync(engine, "stuck", "term-1");
        await engine.Agents.StartedAsync("stuck").WaitAsync(TestTimeout.After());
        await UntilAsync(engine, "term-1", s => s.PendingTasks.Count == 1);

        var terminated = await engine.Workflows.TerminateAsync(Id("term-1"), "operator said so", TestTimeout.After());

        Assert.Equal(WorkflowStatus.Terminated, terminated.Status);
        var final = await engine.Workflows.WaitForCompletionAsync(Id("term-1"), TestTimeout.After());
        Assert.Equal(WorkflowStatus.Terminated, final.Status);
        var history = await engine.Workflows.GetHistoryAsync(Id("term-1"), TestTimeout.After());
        Assert.Equal("operator said so", history!.OfType<WorkflowTerminated>().Single().Reason);
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await engine.Workflows.RaiseEventAsync(Id("term-1"), "late", null, TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await engine.Workflows.TerminateAsync(Id("term-1"), "again", TestTimeout.After()));
        Assert.Equal(["term-1:stuck:1"], engine.Agents.Executions);
        await UntilCancelledAsync(engine, "term-1:stuck:1");
    }

    /// <summary>The engine tells the dispatcher after it recorded the end of the wait, so the agent stops a moment later.</summary>
    private static async Task UntilCancelledAsync(Support.IEngineHarness engine, string taskId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!engine.Agents.Cancelled.Contains(taskId))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_refuses_a_running_or_unknown_one()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, """
            id: quick
            steps: [ { id: one, kind: agent_task, agent: worker } ]
            """);
        await RegisterAsync(engine, """
            id: stuck
            steps: [ { id: stuck, kind: agent_task, agent: worker } ]
            """);
        await RunAsync(engine, "quick", "purge-done");
        await StartInstanceAsync(engine, "stuck", "purge-running");

        await engine.Workflows.PurgeAsync(Id("purge-done"), TestTimeout.After());

        Assert.Null(await engine.Workflows.GetStatusAsync(Id("purge-done"), TestTimeout.After()));
        var listed = await engine.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After());
        Assert.Equal(["purge-running"], listed.Instances.Select(i => i.InstanceId.Value));
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await engine.Workflows.PurgeAsync(Id("purge-running"), TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(async () => await engine.Workflows.PurgeAsync(Id("purge-done"), TestTimeout.After()));
    }

    [Fact]
    public async Task Starting_an_existing_id_returns_it_for_the_same_definition_and_conflicts_for_another()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, """
            id: stuck
            steps: [ { id: stuck, kind: agent_task, agent: worker } ]
            """);
        await RegisterAsync(engine, """
            id: other
            steps: [ { id: one, kind: agent_task, agent: worker } ]
            """);

        var first = await StartInstanceAsync(engine, "stuck", "same-1");
        await engine.Agents.StartedAsync("stuck").WaitAsync(TestTimeout.After());
        var second = await StartInstanceAsync(engine, "stuck", "same-1");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("stuck", second.Instance.DefinitionId);
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await StartInstanceAsync(engine, "other", "same-1"));
        Assert.Equal(["same-1:stuck:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task Instances_are_listed_by_status()
    {
        await using var engine = await StartAsync(agents => agents.Blocked.Add("stuck"));
        await RegisterAsync(engine, """
            id: quick
            steps: [ { id: one, kind: agent_task, agent: worker } ]
            """);
        await RegisterAsync(engine, """
            id: stuck
            steps: [ { id: stuck, kind: agent_task, agent: worker } ]
            """);
        await RunAsync(engine, "quick", "list-a");
        await RunAsync(engine, "quick", "list-b");
        await StartInstanceAsync(engine, "stuck", "list-c");

        var completed = await engine.Workflows.ListInstancesAsync(WorkflowStatus.Completed, cancellationToken: TestTimeout.After());
        var running = await engine.Workflows.ListInstancesAsync(WorkflowStatus.Running, cancellationToken: TestTimeout.After());
        var firstPage = await engine.Workflows.ListInstancesAsync(limit: 2, cancellationToken: TestTimeout.After());

        Assert.Equal(["list-a", "list-b"], completed.Instances.Select(i => i.InstanceId.Value));
        Assert.Equal(["list-c"], running.Instances.Select(i => i.InstanceId.Value));
        Assert.Equal("list-b", firstPage.NextCursor);
        Assert.Equal(["quick"], (await engine.Workflows.ListDefinitionsAsync(TestTimeout.After())).Where(d => d.Id == "quick").Select(d => d.Id));
    }
}
