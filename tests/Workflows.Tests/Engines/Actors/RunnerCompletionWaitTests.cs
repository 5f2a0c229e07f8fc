using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Waiting for an instance's finish answers at once when it has finished, refuses an unknown one, and in neither case
/// leaves a watch behind (a host answering <c>GET /instances/{id}?wait=</c> for every client must not grow with them).</summary>
public sealed class RunnerCompletionWaitTests
{
    [Fact]
    public async Task Waits_on_a_finished_or_an_unknown_instance_answer_at_once_and_leave_no_watch()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(RunnerOperationsTests.Waiting);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("done-1") }, TestTimeout.After());
        await harness.Workflows.TerminateAsync(Id("done-1"), "finished for the test", TestTimeout.After());

        for (var wait = 0; wait < 3; wait++)
        {
            var final = await harness.Workflows.WaitForCompletionAsync(Id("done-1"), TestTimeout.After());
            Assert.Equal(WorkflowStatus.Terminated, final.Status);
            await Assert.ThrowsAsync<WorkflowNotFoundException>(async () => await harness.Workflows.WaitForCompletionAsync(Id($"nobody-{wait}"), TestTimeout.After()));
        }

        Assert.Equal(0, harness.Signals.Watched);
    }

    [Fact]
    public async Task Every_waiter_on_a_running_instance_gets_its_final_state_and_the_watch_ends()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(RunnerOperationsTests.Waiting);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("run-1") }, TestTimeout.After());
        var waits = Enumerable.Range(0, 3).Select(_ => harness.Workflows.WaitForCompletionAsync(Id("run-1"), TestTimeout.After()).AsTask()).ToList();
        Assert.Equal(1, harness.Signals.Watched);

        await harness.Workflows.TerminateAsync(Id("run-1"), "stop", TestTimeout.After());

        Assert.All(await Task.WhenAll(waits), state => Assert.Equal(WorkflowStatus.Terminated, state.Status));
        Assert.Equal(0, harness.Signals.Watched);
    }

    [Fact]
    public async Task A_start_that_waits_answers_the_final_state_once_its_task_has_run_and_leaves_no_watch()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(OneTask);

        var started = await harness.Workflows.StartAndWaitAsync(OneTaskStart("wait-1"), TimeSpan.FromSeconds(30), TestTimeout.After());
        var again = await harness.Workflows.StartAndWaitAsync(OneTaskStart("wait-1"), TimeSpan.FromSeconds(30), TestTimeout.After());

        Assert.True(started.Created);
        Assert.Equal(WorkflowStatus.Completed, started.Instance.Status);
        Assert.Equal("work", started.Instance.Output!.Value.GetProperty("step").GetString());
        Assert.False(again.Created);
        Assert.Equal(WorkflowStatus.Completed, again.Instance.Status);
        Assert.Equal(["wait-1:work:1"], harness.Agents.Executions);
        Assert.Equal(0, harness.Signals.Watched);
    }

    [Fact]
    public async Task A_start_that_waits_answers_the_running_state_when_the_wait_passes_and_a_failed_start_leaves_no_watch()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(RunnerOperationsTests.Waiting);

        var waiting = harness.Workflows.StartAndWaitAsync(
            new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("slow-1") }, TimeSpan.FromSeconds(5), TestTimeout.After()).AsTask();
        await WaitUntilAsync(() => harness.Signals.Watched == 1);
        Assert.False(waiting.IsCompleted);
        var answered = await AdvanceUntilAnsweredAsync(harness.Time, waiting);

        Assert.True(answered.Created);
        Assert.Equal(WorkflowStatus.Running, answered.Instance.Status);
        harness.FaultyStore.FailNextCommitOf(WorkflowActorTypes.Instance);
        await Assert.ThrowsAsync<IOException>(async () =>
            await harness.Workflows.StartAndWaitAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("refused-1") }, TimeSpan.FromSeconds(5), TestTimeout.After()));
        await harness.Workflows.TerminateAsync(Id("slow-1"), "done with the test", TestTimeout.After());
        Assert.Equal(0, harness.Signals.Watched);
    }

    private const string OneTask = """
        id: one-task
        steps:
          - { id: work, kind: agent_task, agent: worker }
        """;

    private static WorkflowStartRequest OneTaskStart(string instanceId) => new() { DefinitionId = "one-task", InstanceId = Id(instanceId) };

    /// <summary>The wait's timer is made once the start has returned, which the watch count cannot show; the clock therefore moves in
    /// steps until the answer comes (the instance waits for an event without a deadline, so no step of the clock finishes it).</summary>
    private static async Task<T> AdvanceUntilAnsweredAsync<T>(ManualTimeProvider time, Task<T> answer)
    {
        var deadline = TestTimeout.After();
        while (!answer.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(answer, Task.Delay(20, deadline));
            deadline.ThrowIfCancellationRequested();
        }

        return await answer;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TestTimeout.After();
        while (!condition())
        {
            await Task.Delay(10, deadline);
        }
    }
}
