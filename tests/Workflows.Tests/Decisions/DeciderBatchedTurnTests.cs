using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>Histories written by a runner turn that records several results before the commands they cause (r1, r2, then
/// the commands of both), as the actor engine does for results that arrive together.</summary>
public sealed class DeciderBatchedTurnTests
{
    private const string TwoChains = """
        id: chains
        steps:
          - id: fan
            kind: parallel
            branches:
              - name: a
                steps:
                  - { id: a1, kind: agent_task, agent: x }
                  - { id: a2, kind: agent_task, agent: x, input: "${steps.a1.output}" }
              - name: b
                steps:
                  - { id: b1, kind: agent_task, agent: x }
                  - { id: b2, kind: agent_task, agent: x, input: "${steps.b1.output}" }
          - { id: after, kind: agent_task, agent: x, input: "${steps.fan.output}" }
        """;

    [Fact]
    public void Results_recorded_before_the_commands_of_both_replay_to_the_state_and_commands_of_one_result_per_turn()
    {
        var oneByOne = new WorkflowHarness(TwoChains);
        oneByOne.Complete("a1", "A1");
        oneByOne.Complete("b1", "B1");
        oneByOne.Complete("a2", "A2");
        oneByOne.Complete("b2", "B2");

        // The harness checks after every flush that refolding the whole history gives the incremental state and commands.
        var batched = new WorkflowHarness(TwoChains);
        batched.Append(new TaskCompleted { TaskId = batched.TaskId("a1"), Output = Json("A1") });
        batched.Append(new TaskCompleted { TaskId = batched.TaskId("b1"), Output = Json("B1") });
        batched.Flush();
        batched.Append(new TaskCompleted { TaskId = batched.TaskId("a2"), Output = Json("A2") });
        batched.Append(new TaskCompleted { TaskId = batched.TaskId("b2"), Output = Json("B2") });
        batched.Flush();

        Assert.Equal(WorkflowHarness.Json(oneByOne.Executed), WorkflowHarness.Json(batched.Executed));
        Assert.Equal(WorkflowHarness.Json(oneByOne.State), WorkflowHarness.Json(batched.State));
        Assert.Equal(["after"], batched.PendingTaskSteps);
        Assert.Equal(
            ["TaskCompleted", "TaskCompleted", "TaskScheduled", "TaskScheduled", "TaskCompleted", "TaskCompleted", "BranchJoined", "TaskScheduled"],
            batched.History.Skip(3).Select(e => e.GetType().Name));
    }

    [Fact]
    public void A_result_after_one_that_failed_the_workflow_in_the_same_turn_changes_nothing_on_replay()
    {
        var batched = new WorkflowHarness(TwoChains);
        batched.Append(new TaskFailed { TaskId = batched.TaskId("a1"), Error = "boom" });
        batched.Append(new TaskCompleted { TaskId = batched.TaskId("b1"), Output = Json("B1") });
        batched.Flush();

        var failedAlone = new WorkflowHarness(TwoChains);
        failedAlone.Fail("a1");

        Assert.Equal(WorkflowStatus.Failed, batched.Status);
        Assert.Equal(WorkflowHarness.Json(failedAlone.Executed), WorkflowHarness.Json(batched.Executed));
        Assert.Equal(failedAlone.State.Error, batched.State.Error);
    }

    private static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value);
}
