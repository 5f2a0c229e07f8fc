using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Results of one instance reported while a call to it is in flight go to the instance together, in one turn.
/// The branch agents here never answer; the tests report their results through a sink of their own over a runtime that
/// holds the first call, so the batches are known in advance.</summary>
public sealed class RunnerResultBatchingTests
{
    private static readonly string[] Branches = ["p0", "p1", "p2", "p3", "p4", "p5"];

    private static string Wide(string join) => $$"""
        id: wide-{{join}}
        steps:
          - id: fan
            kind: parallel
            join: {{join}}
            branches:
        {{string.Join("\n", Branches.Select(step => $"      - {{ name: {step}, steps: [ {{ id: {step}, kind: agent_task, agent: worker }} ] }}"))}}
          - { id: after, kind: agent_task, agent: worker }
        """;

    [Fact]
    public async Task Results_reported_while_a_call_is_in_flight_share_the_next_turn_and_leave_the_history_shape_of_one_turn_each()
    {
        await using var harness = await StartAsync("all", "each", "together");
        var plain = new RecordingActorRuntime(harness.Runtime);
        using (var oneByOne = new ActorTaskResultSink(plain))
        {
            foreach (var step in Branches)
            {
                await oneByOne.ReportAsync(Done("each", step), TestTimeout.After());
            }
        }

        var held = new RecordingActorRuntime(harness.Runtime, held: true);
        using var batcher = new ActorTaskResultSink(held);
        var reports = Branches.Select(step => batcher.ReportAsync(Done("together", step), TestTimeout.After()).AsTask()).ToList();
        held.Release();
        await Task.WhenAll(reports).WaitAsync(TestTimeout.After());

        Assert.Equal(Branches.Length, plain.Calls.Count);
        Assert.Equal([1, Branches.Length - 1], BatchSizes(held));
        Assert.Equal(0, batcher.InstancesInFlight);
        var each = await CompletedHistoryAsync(harness, "each");
        var together = await CompletedHistoryAsync(harness, "together");
        Assert.Equal(Shape(each, "each"), Shape(together, "together"));
        Assert.Equal(Enumerable.Range(1, together.Count).Select(i => (long)i), together.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Results_of_tasks_an_earlier_result_of_the_same_turn_abandoned_are_ignored_and_their_callers_complete()
    {
        await using var harness = await StartAsync("any", "race");
        var held = new RecordingActorRuntime(harness.Runtime, held: true);
        using var batcher = new ActorTaskResultSink(held);

        var reports = new List<Task> { batcher.ReportAsync(NotAwaited("race"), TestTimeout.After()).AsTask() };
        reports.AddRange(new[] { "p2", "p0", "p1" }.Select(step => batcher.ReportAsync(Done("race", step), TestTimeout.After()).AsTask()));
        held.Release();
        await Task.WhenAll(reports).WaitAsync(TestTimeout.After());

        Assert.Equal([1, 3], BatchSizes(held));
        var history = await CompletedHistoryAsync(harness, "race");
        Assert.Equal(["race:p2:1", "race:after:1"], history.OfType<TaskCompleted>().Select(e => e.TaskId));
        var final = await harness.Workflows.GetStatusAsync(Id("race"), TestTimeout.After());
        Assert.Equal("""{"p2":"p2"}""", final!.Steps.Single(s => s.StepId == "fan").Output!.Value.GetRawText());
        Assert.Equal(StepStatus.Abandoned, final.Steps.Single(s => s.StepId == "p0").Status);
    }

    [Fact]
    public async Task Results_after_one_that_ended_the_instance_in_the_same_turn_are_ignored()
    {
        await using var harness = await StartAsync("all", "ended");
        var held = new RecordingActorRuntime(harness.Runtime, held: true);
        using var batcher = new ActorTaskResultSink(held);

        var reports = new List<Task>
        {
            batcher.ReportAsync(NotAwaited("ended"), TestTimeout.After()).AsTask(),
            batcher.ReportAsync(WorkflowTaskResult.Failure("ended:p3:1", "broken"), TestTimeout.After()).AsTask(),
            batcher.ReportAsync(Done("ended", "p4"), TestTimeout.After()).AsTask(),
        };
        held.Release();
        await Task.WhenAll(reports).WaitAsync(TestTimeout.After());

        var final = await harness.Workflows.WaitForCompletionAsync(Id("ended"), TestTimeout.After());
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        var history = await harness.Workflows.GetHistoryAsync(Id("ended"), TestTimeout.After());
        Assert.NotNull(history);
        Assert.Equal("ended:p3:1", history.OfType<TaskFailed>().Single().TaskId);
        Assert.Empty(history.OfType<TaskCompleted>());
        Assert.IsType<WorkflowFailed>(history[^1]);
    }

    [Fact]
    public async Task A_failed_call_fails_every_caller_whose_result_it_carried_and_a_later_report_goes_through()
    {
        await using var harness = await StartAsync("all", "retry");
        var held = new RecordingActorRuntime(harness.Runtime, held: true) { FailingCall = 2 };
        using var batcher = new ActorTaskResultSink(held);

        var first = batcher.ReportAsync(NotAwaited("retry"), TestTimeout.After()).AsTask();
        var carried = Branches.Take(2).Select(step => batcher.ReportAsync(Done("retry", step), TestTimeout.After()).AsTask()).ToList();
        held.Release();

        await first.WaitAsync(TestTimeout.After());
        foreach (var report in carried)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => report.WaitAsync(TestTimeout.After()));
        }

        await batcher.ReportAsync(Done("retry", "p0"), TestTimeout.After());
        var history = await harness.Workflows.GetHistoryAsync(Id("retry"), TestTimeout.After());
        Assert.Equal(["retry:p0:1"], history!.OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.Equal([1, 2, 1], BatchSizes(held));
        Assert.Equal(0, batcher.InstancesInFlight);
    }

    [Fact]
    public async Task A_batch_carried_as_json_as_on_the_dapr_runtime_keeps_outputs_errors_agents_and_usage()
    {
        await using var harness = await StartAsync("all", "wire");
        var held = new RecordingActorRuntime(harness.Runtime, held: true, crossAsJson: true);
        using var batcher = new ActorTaskResultSink(held);
        var usage = new TaskUsage(120, 30, 0.0042m, Estimated: true, ToolCalls: ["search"]);
        var output = JsonSerializer.SerializeToElement(new { text = "ok", n = 3 });

        var reports = new List<Task>
        {
            batcher.ReportAsync(NotAwaited("wire"), TestTimeout.After()).AsTask(),
            batcher.ReportAsync(new WorkflowTaskResult("wire:p0:1", true, output, null, "agent-7", usage), TestTimeout.After()).AsTask(),
            batcher.ReportAsync(new WorkflowTaskResult("wire:p1:1", false, null, "bad input", "agent-8"), TestTimeout.After()).AsTask(),
        };
        held.Release();
        await Task.WhenAll(reports).WaitAsync(TestTimeout.After());

        Assert.Equal([1, 2], BatchSizes(held));
        var history = await harness.Workflows.GetHistoryAsync(Id("wire"), TestTimeout.After());
        Assert.NotNull(history);
        var completed = history.OfType<TaskCompleted>().Single();
        Assert.Equal(output.GetRawText(), completed.Output!.Value.GetRawText());
        Assert.Equal("agent-7", completed.AgentId);
        Assert.Equal(Json(usage), Json(completed.Usage));
        var failed = history.OfType<TaskFailed>().Single();
        Assert.Equal(("wire:p1:1", "bad input", "agent-8"), (failed.TaskId, failed.Error, failed.AgentId));
    }

    /// <summary>Starts one instance of the wide definition per id; every branch task is dispatched to an agent that never
    /// answers, so only the test reports their results.</summary>
    private static async Task<RunnerHarness> StartAsync(string join, params string[] instances)
    {
        var harness = await RunnerHarness.StartAsync(agents => agents.Blocked.UnionWith(Branches));
        await harness.RegisterAsync(Wide(join));
        foreach (var instance in instances)
        {
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = $"wide-{join}", InstanceId = Id(instance) }, TestTimeout.After());
        }

        return harness;
    }

    private static WorkflowTaskResult Done(string instance, string step) =>
        WorkflowTaskResult.Success($"{instance}:{step}:1", JsonSerializer.SerializeToElement(step));

    /// <summary>A result the instance does not await (no such attempt): its call goes alone and is ignored, so the results
    /// reported after it are held together for the next call.</summary>
    private static WorkflowTaskResult NotAwaited(string instance) => WorkflowTaskResult.Success($"{instance}:p0:9", null);

    private static int[] BatchSizes(RecordingActorRuntime runtime) =>
        [.. runtime.Calls.Select(call => Assert.IsType<RecordTaskResults>(call.Request).Results.Count)];

    private static async Task<IReadOnlyList<WorkflowEvent>> CompletedHistoryAsync(RunnerHarness harness, string instance)
    {
        Assert.Equal(WorkflowStatus.Completed, (await harness.Workflows.WaitForCompletionAsync(Id(instance), TestTimeout.After())).Status);
        return (await harness.Workflows.GetHistoryAsync(Id(instance), TestTimeout.After()))!;
    }

    /// <summary>Each event's type and, for task events, the task id without the instance part.</summary>
    private static List<string> Shape(IEnumerable<WorkflowEvent> history, string instance) => [.. history.Select(e => e switch
    {
        TaskScheduled s => $"scheduled {s.TaskId[(instance.Length + 1)..]}",
        TaskCompleted c => $"completed {c.TaskId[(instance.Length + 1)..]}",
        _ => e.GetType().Name,
    })];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);
}
