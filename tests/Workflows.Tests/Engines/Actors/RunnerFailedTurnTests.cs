using System.Text.Json;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>A turn whose commit fails: its timers' reminder writes go out with the commit, so the instance must put back what the
/// failed turn removed.</summary>
public sealed class RunnerFailedTurnTests
{
    [Fact]
    public async Task A_turn_whose_commit_fails_leaves_its_live_timer_with_a_reminder_that_still_fires()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: approval
            steps:
              - { id: approve, kind: wait, event: { name: approved, timeout: 1h } }
            """);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "approval", InstanceId = Id("fail-1") }, TestTimeout.After());
        var actor = ActorId.Create(WorkflowActorTypes.Instance, "fail-1");
        var reminder = InstanceMethods.TimerReminderPrefix + "event-timeout:approve";
        Assert.NotNull(await harness.Reminders.GetAsync(actor, reminder, TestTimeout.After()));

        // The event's turn cancels the timer and removes its reminder while its commit is refused.
        harness.FaultyStore.FailNextCommitOf(WorkflowActorTypes.Instance);
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Workflows.RaiseEventAsync(
            Id("fail-1"), "approved", JsonSerializer.SerializeToElement(new { by = "ops" }), TestTimeout.After()).AsTask());

        var reloaded = await harness.Workflows.GetStatusAsync(Id("fail-1"), TestTimeout.After());
        Assert.Equal("event-timeout:approve", Assert.Single(reloaded!.ActiveTimers).TimerId);
        Assert.NotNull(await harness.Reminders.GetAsync(actor, reminder, TestTimeout.After()));

        var finished = harness.Workflows.WaitForCompletionAsync(Id("fail-1"), TestTimeout.After());
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(WorkflowStatus.Failed, (await finished).Status);
    }
}
