using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Engine;

/// <summary>A finished instance's recorded Dapr history, shown to the orchestrator again, makes it issue nothing new.</summary>
public sealed class ReplayDeterminismTests
{
    [Fact]
    public async Task Replaying_a_completed_history_issues_no_action_but_the_recorded_completion()
    {
        var agents = new ConformanceAgents();
        agents.FailuresBeforeSuccess["flaky"] = 1;
        // The first attempt of "slow" outlives its timeout; the retry has a second to answer, enough on a loaded machine.
        agents.FirstAttemptDelay["slow"] = TimeSpan.FromSeconds(3);
        await using var engine = await DaprEngineHarness.StartAsync(agents);
        await engine.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml("""
            id: mixed
            steps:
              - id: fan
                kind: parallel
                branches:
                  - { name: a, steps: [ { id: flaky, kind: agent_task, agent: worker, retry: { max_attempts: 2, initial_backoff: 100ms } } ] }
                  - { name: b, steps: [ { id: slow, kind: agent_task, agent: worker, timeout: 1s, retry: { max_attempts: 2, initial_backoff: 0s } } ] }
                  - { name: c, steps: [ { id: nap, kind: wait, duration: 200ms } ] }
              - id: gate
                kind: condition
                if: input.score >= 0.5
                then: [ { id: ask, kind: wait, event: { name: approved, timeout: 20s } } ]
                else: [ { id: skip, kind: agent_task, agent: worker } ]
              - { id: last, kind: agent_task, agent: worker, input: "${steps.ask.output}" }
            """), TestTimeout.After());
        var id = WorkflowInstanceId.Create("replay-1");
        await engine.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "mixed", InstanceId = id, Input = JsonSerializer.SerializeToElement(new { score = 0.9 }) }, TestTimeout.After());
        await UntilWaitingAsync(engine.Workflows, id, "ask");
        await engine.Workflows.RaiseEventAsync(id, "approved", JsonSerializer.SerializeToElement("yes"), TestTimeout.After());
        var final = await engine.Workflows.WaitForCompletionAsync(id, TestTimeout.After());
        Assert.Equal(WorkflowStatus.Completed, final.Status);

        var replay = await engine.Server.Backend.ReplayAsync(id.Value, TestTimeout.After());

        Assert.Equal(["CompleteWorkflow"], replay.Actions);
        Assert.Equal("Completed", replay.CompletionStatus);
        Assert.NotNull(replay.RecordedResult);
        Assert.Equal(replay.RecordedResult, replay.CompletionResult);
    }

    private static async Task UntilWaitingAsync(IWorkflowClient workflows, WorkflowInstanceId id, string stepId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await workflows.GetStatusAsync(id, timeout.Token)) is var status && status?.CurrentSteps.Contains(stepId) != true)
        {
            Assert.True(status is null or { Status: WorkflowStatus.Running or WorkflowStatus.Pending }, $"The instance ended before waiting at '{stepId}': {status?.Status}");
            await Task.Delay(20, timeout.Token);
        }
    }
}
