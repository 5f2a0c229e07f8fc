using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Engine;

/// <summary>Stopping the app (or the app and the backend) mid-run loses nothing: the instance completes after the
/// restart, and no task runs again once its completion is in the history.</summary>
public sealed class DaprRestartTests
{
    private const string Definition = """
        id: long
        steps:
          - { id: first, kind: agent_task, agent: worker }
          - id: fan
            kind: parallel
            branches:
              - { name: a, steps: [ { id: left, kind: agent_task, agent: worker } ] }
              - { name: b, steps: [ { id: right, kind: agent_task, agent: worker }, { id: nap, kind: wait, duration: 300ms } ] }
          - { id: last, kind: agent_task, agent: worker }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_instance_stopped_mid_run_completes_after_a_restart_without_rerunning_completed_tasks(bool restartBackendToo)
    {
        var before = new ConformanceAgents();
        before.Blocked.Add("left");
        await using var engine = await DaprEngineHarness.StartAsync(before);
        await engine.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml(Definition), TestTimeout.After());
        var id = WorkflowInstanceId.Create("restart-1");
        await engine.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "long", InstanceId = id }, TestTimeout.After());
        await before.StartedAsync("left").WaitAsync(TestTimeout.After());
        await UntilAsync(engine.Workflows, id, s => s.Steps.Any(step => step.StepId == "right" && step.Status == StepStatus.Completed));

        var after = new ConformanceAgents();
        if (restartBackendToo)
        {
            await engine.RestartAllAsync(after);
        }
        else
        {
            await engine.RestartAppAsync(after);
        }

        var final = await engine.Workflows.WaitForCompletionAsync(id, TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Contains("restart-1:left:1", after.Executions);
        Assert.Contains("restart-1:last:1", after.Executions);
        var history = await engine.Workflows.GetHistoryAsync(id, TestTimeout.After());
        var completedAt = history!.OfType<TaskCompleted>().GroupBy(e => e.TaskId).ToDictionary(g => g.Key, g => g.Min(e => e.Timestamp));
        foreach (var run in before.Runs.Concat(after.Runs))
        {
            Assert.True(
                !completedAt.TryGetValue(run.TaskId, out var recorded) || run.StartedAt <= recorded,
                $"{run.TaskId} started at {run.StartedAt:O}, after its completion was recorded at {recorded:O}");
        }

        Assert.DoesNotContain("restart-1:first:1", after.Executions);
        Assert.DoesNotContain("restart-1:right:1", after.Executions);
    }

    private static async Task UntilAsync(IWorkflowClient workflows, WorkflowInstanceId id, Func<WorkflowInstanceState, bool> holds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await workflows.GetStatusAsync(id, timeout.Token)) is not { } state || !holds(state))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
