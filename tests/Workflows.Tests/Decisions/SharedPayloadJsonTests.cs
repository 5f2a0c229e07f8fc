using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Decisions;

/// <summary>The command records double as state and dispatch payloads; their JSON there has no command discriminator.</summary>
public sealed class SharedPayloadJsonTests
{
    [Fact]
    public void Active_timers_and_pending_tasks_in_the_state_keep_their_flat_shape()
    {
        var harness = new WorkflowHarness("""
            id: shapes
            steps:
              - { id: call, kind: agent_task, agent: worker, timeout: 30s }
            """);

        var state = JsonSerializer.SerializeToElement(harness.State, WorkflowJson.Options);

        var timer = Assert.Single(state.GetProperty("active_timers").EnumerateArray());
        Assert.Equal(["timer_id", "step_id", "fire_at", "purpose"], timer.EnumerateObject().Select(p => p.Name));
        var pending = Assert.Single(state.GetProperty("pending_tasks").EnumerateArray());
        Assert.Equal(["task_id", "task"], pending.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["task_id", "step_id", "attempt", "agent", "timeout"], pending.GetProperty("task").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_dispatched_task_carries_the_scheduled_command_and_reads_its_fields()
    {
        var harness = new WorkflowHarness("""
            id: shapes
            steps:
              - { id: call, kind: agent_task, agent: worker, input: { a: 1 } }
            """);
        var schedule = Assert.Single(harness.ScheduledTasks);
        var task = new WorkflowTask { InstanceId = WorkflowInstanceId.Create(harness.InstanceId), Schedule = schedule };

        var json = JsonSerializer.SerializeToElement(task, WorkflowJson.Options);
        var back = JsonSerializer.Deserialize<WorkflowTask>(json, WorkflowJson.Options)!;

        Assert.Equal(["instance_id", "schedule"], json.EnumerateObject().Select(p => p.Name));
        Assert.False(json.GetProperty("schedule").TryGetProperty("type", out _));
        Assert.Equal(harness.TaskId("call"), back.TaskId);
        Assert.Equal(("call", 1, "worker"), (back.StepId, back.Attempt, back.Agent!.AgentId));
        Assert.Equal(1, back.Input!.Value.GetProperty("a").GetInt32());
        Assert.Equal(task.InstanceId, back.InstanceId);
    }
}
