using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
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
}
