using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using Xunit.Abstractions;

namespace AgentPlatform.Workflows.Dapr.Tests.Engine;

/// <summary>The app is stopped and started again many times at random moments while instances with parallel, wait,
/// condition and external-event steps run on the Dapr engine; the in-process stand-in for the Dapr-mode crash test.</summary>
public sealed class DaprRepeatedRestartTests(ITestOutputHelper output)
{
    private const int Instances = 3;
    private const int Restarts = 10;

    [Fact]
    public async Task Instances_complete_through_ten_app_restarts_and_no_task_runs_after_its_completion_was_recorded()
    {
        var random = new Random(20261201);
        var generations = new List<ConformanceAgents> { Agents() };
        await using var engine = await DaprEngineHarness.StartAsync(generations[0]);
        await engine.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml("""
            id: churn
            steps:
              - { id: prepare, kind: agent_task, agent: worker }
              - id: fan
                kind: parallel
                branches:
                  - { name: a, steps: [ { id: a1, kind: agent_task, agent: worker }, { id: a2, kind: agent_task, agent: worker } ] }
                  - { name: b, steps: [ { id: b1, kind: agent_task, agent: worker }, { id: pause, kind: wait, duration: 200ms } ] }
              - id: gate
                kind: condition
                if: input.seed >= 1
                then: [ { id: approve, kind: wait, event: { name: go } }, { id: high, kind: agent_task, agent: worker } ]
                else: [ { id: low, kind: agent_task, agent: worker } ]
              - { id: finish, kind: agent_task, agent: worker }
            """), TestTimeout.After());
        for (var i = 0; i < Instances; i++)
        {
            var id = WorkflowInstanceId.Create($"churn-{i}");
            await engine.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "churn", InstanceId = id, Input = JsonSerializer.SerializeToElement(new { seed = i }) }, TestTimeout.After());
            await engine.Workflows.RaiseEventAsync(id, "go", null, TestTimeout.After());
        }

        for (var restart = 0; restart < Restarts; restart++)
        {
            // The delay only times the restart at a random moment of the run; it waits for no condition.
            await Task.Delay(random.Next(50, 400));
            generations.Add(Agents());
            await engine.RestartAppAsync(generations[^1]);
        }

        var completedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < Instances; i++)
        {
            var id = WorkflowInstanceId.Create($"churn-{i}");
            var final = await engine.Workflows.WaitForCompletionAsync(id, TestTimeout.After(60));
            Assert.Equal(WorkflowStatus.Completed, final.Status);
            foreach (var completed in (await engine.Workflows.GetHistoryAsync(id, TestTimeout.After()))!.OfType<TaskCompleted>())
            {
                Assert.True(completedAt.TryAdd(completed.TaskId, completed.Timestamp), $"{completed.TaskId} completed twice in a history");
            }
        }

        var runs = generations.SelectMany(g => g.Runs).ToList();
        Assert.Equal(Instances * 6, completedAt.Count);
        var late = runs.Where(r => completedAt.TryGetValue(r.TaskId, out var at) && r.StartedAt > at).ToList();
        Assert.True(late.Count == 0, "tasks ran after their completion was recorded: " + string.Join(", ", late.Select(r => $"{r.TaskId} at {r.StartedAt:O}")));
        output.WriteLine($"{runs.Count} runs of {completedAt.Count} tasks over {Restarts} restarts; {runs.GroupBy(r => r.TaskId).Count(g => g.Count() > 1)} tasks ran more than once");
    }

    private static ConformanceAgents Agents() => new() { EveryTaskDelay = TimeSpan.FromMilliseconds(150) };
}
