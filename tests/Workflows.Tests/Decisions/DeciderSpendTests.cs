using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Tests.Decisions;

public sealed class DeciderSpendTests
{
    private const string Definition = """
        id: spend
        steps:
          - { id: draft, kind: agent_task, agent: llm/writer, retry: { max_attempts: 2, initial_backoff: 1s } }
          - { id: review, kind: agent_task, agent: llm/reviewer }
          - { id: archive, kind: agent_task, agent: archiver }
        """;

    [Fact]
    public void The_state_sums_the_usage_recorded_with_completed_and_failed_attempts_per_agent_and_survives_a_round_trip()
    {
        var harness = new WorkflowHarness(Definition);
        Assert.Null(harness.State.Spend);

        harness.Append(new TaskFailed
        {
            TaskId = harness.TaskId("draft"), Error = "malformed reply", AgentId = "llm/writer", Usage = new TaskUsage(100, 20, 0.01m, false),
        });
        harness.Flush();
        harness.Advance(TimeSpan.FromSeconds(1));
        Complete(harness, harness.TaskId("draft", 2), "llm/writer", new TaskUsage(100, 40, 0.02m, true, ["read_channel"]));
        Complete(harness, harness.TaskId("review"), "llm/reviewer", new TaskUsage(50, 5, 0.005m, false));
        harness.Complete("archive");

        var spend = harness.State.Spend!;
        Assert.Equal((250L, 65L, 0.035m, true, 3, 1), (spend.InputTokens, spend.OutputTokens, spend.Cost, spend.Estimated, spend.Tasks, spend.ToolCalls));
        Assert.Equal(
            [new AgentSpend("llm/reviewer", 50, 5, 0.005m, 1), new AgentSpend("llm/writer", 200, 60, 0.03m, 2)],
            spend.ByAgent);
        var replayed = WorkflowHarness.Json(harness.History);
        Assert.Contains("\"usage\":{\"input_tokens\":100,\"output_tokens\":40,\"cost\":0.02,\"estimated\":true,\"tool_calls\":[\"read_channel\"]}", replayed, StringComparison.Ordinal);
        using var state = JsonDocument.Parse(WorkflowHarness.Json(harness.State));
        Assert.Equal(0.035m, state.RootElement.GetProperty("spend").GetProperty("by_agent")[1].GetProperty("cost").GetDecimal() + 0.005m);
    }

    private static void Complete(WorkflowHarness harness, string taskId, string agentId, TaskUsage usage)
    {
        harness.Append(new TaskCompleted { TaskId = taskId, AgentId = agentId, Usage = usage });
        harness.Flush();
    }
}
