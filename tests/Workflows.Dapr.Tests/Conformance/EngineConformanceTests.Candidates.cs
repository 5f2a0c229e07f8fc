using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    /// <summary>The specialist matches <c>summarize</c> best; a candidate set keeps it out of the tasks that do not list it.</summary>
    [Fact]
    public async Task A_candidate_set_limits_matching_to_its_agents_on_agent_tasks_plan_steps_and_plan_tasks()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: candidates
            steps:
              - { id: open, kind: agent_task, capabilities: { summarize: 1.0 } }
              - { id: listed, kind: agent_task, capabilities: { summarize: 1.0 }, agents: [worker] }
              - id: planner
                kind: agent_task
                agent: worker
                input:
                  tasks:
                    - { id: from-step, capabilities: { summarize: 1.0 } }
                    - { id: own, capabilities: { summarize: 1.0 }, agents: [specialist, worker] }
              - { id: run, kind: plan, plan: "${steps.planner.output.input}", agents: "${input.team}" }
              - { id: outside, kind: agent_task, agent: specialist, agents: "${input.team}", on_failure: continue }
            """);

        var final = await RunAsync(engine, "candidates", "cand-1", new { team = new[] { "worker" } });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var ranBy = engine.Agents.Runs.ToDictionary(r => r.StepId, r => r.Agent);
        Assert.Equal("specialist", ranBy["open"]);
        Assert.Equal("worker", ranBy["listed"]);
        Assert.Equal("worker", ranBy["run[0]"]);
        Assert.Equal("worker", ranBy["run[1]"]);
        Assert.False(ranBy.ContainsKey("outside"));
        Assert.Equal(StepStatus.Failed, final.Steps.Single(s => s.StepId == "outside").Status);

        var history = (await engine.Workflows.GetHistoryAsync(Id("cand-1"), TestTimeout.After()))!;
        Assert.Equal(["worker"], history.OfType<TaskScheduled>().Single(e => e.StepId == "run[1]").Agent!.Agents!);
    }
}
