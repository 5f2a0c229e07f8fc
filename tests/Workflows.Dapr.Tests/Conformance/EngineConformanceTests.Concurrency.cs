using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task Max_concurrency_keeps_at_most_that_many_branch_tasks_unfinished_in_the_history()
    {
        await using var engine = await StartAsync(agents => agents.EveryTaskDelay = TimeSpan.FromMilliseconds(60));
        await RegisterAsync(engine, """
            id: bounded
            steps:
              - id: fan
                kind: parallel
                max_concurrency: 2
                branches:
                  - { name: a, steps: [ { id: a1, kind: agent_task, agent: worker }, { id: a2, kind: agent_task, agent: worker } ] }
                  - { name: b, steps: [ { id: b1, kind: agent_task, agent: worker } ] }
                  - { name: c, steps: [ { id: c1, kind: agent_task, agent: worker } ] }
                  - { name: d, steps: [ { id: d1, kind: agent_task, agent: worker } ] }
                  - { name: e, steps: [ { id: e1, kind: agent_task, agent: worker } ] }
            """);

        var final = await RunAsync(engine, "bounded", "bounded-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["a", "b", "c", "d", "e"], final.Steps.Single(s => s.StepId == "fan").Output!.Value.EnumerateObject().Select(p => p.Name));
        var history = await engine.Workflows.GetHistoryAsync(Id("bounded-1"), TestTimeout.After());
        Assert.Equal(6, history!.OfType<TaskScheduled>().Count());
        Assert.Equal(2, MostTasksUnfinished(history!));
        var scheduled = history!.OfType<TaskScheduled>().Select(e => e.StepId).ToList();
        Assert.Equal(["a1", "b1"], scheduled.Take(2).Order());
        Assert.Equal(["c1", "d1", "e1"], scheduled.Where(s => s is "c1" or "d1" or "e1"));
    }

    /// <summary>The largest number of tasks scheduled and not yet completed or failed at any point of the history.</summary>
    private static int MostTasksUnfinished(IEnumerable<WorkflowEvent> history)
    {
        var unfinished = 0;
        var most = 0;
        foreach (var e in history)
        {
            unfinished += e switch
            {
                TaskScheduled => 1,
                TaskCompleted or TaskFailed => -1,
                _ => 0,
            };
            most = Math.Max(most, unfinished);
        }

        return most;
    }
}
