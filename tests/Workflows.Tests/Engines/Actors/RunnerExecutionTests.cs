using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

public sealed class RunnerExecutionTests
{
    private static readonly JsonElement DocInput = JsonSerializer.SerializeToElement(new { doc = "a.pdf", score = 0.9 });

    [Fact]
    public async Task A_sequence_runs_each_task_once_with_resolved_inputs_and_records_outputs_and_timings()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: pipeline
            steps:
              - { id: extract, kind: agent_task, agent: worker, input: { doc: "${input.doc}" } }
              - { id: summarize, kind: agent_task, capabilities: { summarize: 1.0 }, min_confidence: 0.8, input: "${steps.extract.output.input.doc}" }
              - { id: publish, kind: agent_task, capabilities: { work: 1.0 } }
            """);

        var started = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "pipeline", InstanceId = Id("seq-1"), Input = DocInput }, TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("seq-1"), TestTimeout.After());

        Assert.True(started.Created);
        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["seq-1:extract:1", "seq-1:summarize:1", "seq-1:publish:1"], harness.Agents.Executions);
        Assert.Equal("\"a.pdf\"", final.Steps.Single(s => s.StepId == "summarize").Output!.Value.GetProperty("input").GetRawText());
        Assert.All(final.Steps, s => Assert.NotNull(s.EndedAt));
        Assert.Empty(final.PendingTasks);

        var history = await harness.Workflows.GetHistoryAsync(Id("seq-1"), TestTimeout.After());
        Assert.Equal(Enumerable.Range(1, history!.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.IsType<WorkflowCompleted>(history[^1]);
        Assert.Equal(3, history.OfType<TaskCompleted>().Count());
    }

    [Fact]
    public async Task Parallel_branches_run_concurrently_and_join_all_collects_their_outputs()
    {
        await using var harness = await RunnerHarness.StartAsync(agents => agents.Blocked.Add("never"));
        await harness.RegisterAsync("""
            id: fan
            steps:
              - id: fan
                kind: parallel
                branches:
                  - { name: a, steps: [ { id: a1, kind: agent_task, agent: worker }, { id: a2, kind: agent_task, agent: worker } ] }
                  - { name: b, steps: [ { id: b1, kind: agent_task, agent: worker } ] }
              - { id: after, kind: agent_task, agent: worker, input: "${steps.fan.output}" }
            """);

        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "fan", InstanceId = Id("par-1") }, TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("par-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(4, harness.Agents.Executions.Count);
        var after = final.Steps.Single(s => s.StepId == "after").Output!.Value.GetProperty("input");
        Assert.Equal("a2", after.GetProperty("a").GetProperty("step").GetString());
        Assert.Equal("b1", after.GetProperty("b").GetProperty("step").GetString());
        var history = await harness.Workflows.GetHistoryAsync(Id("par-1"), TestTimeout.After());
        Assert.Equal([0, 1], history!.OfType<BranchJoined>().Single().Branches);
    }

    [Theory]
    [InlineData(0.9, "publish")]
    [InlineData(0.1, "review")]
    public async Task A_condition_runs_only_the_taken_branch(double score, string expected)
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: gate
            steps:
              - id: check
                kind: condition
                if: input.score >= 0.8
                then: [ { id: publish, kind: agent_task, agent: worker } ]
                else: [ { id: review, kind: agent_task, agent: worker } ]
            """);

        var input = JsonSerializer.SerializeToElement(new { score });
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "gate", InstanceId = Id("cond-1"), Input = input }, TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("cond-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal([$"cond-1:{expected}:1"], harness.Agents.Executions);
        Assert.Equal(StepStatus.Skipped, final.Steps.Single(s => s.StepId is "publish" or "review" && s.StepId != expected).Status);
    }

    [Fact]
    public async Task A_duration_wait_is_a_durable_reminder_that_fires_when_the_clock_reaches_it()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: sleepy
            steps:
              - { id: nap, kind: wait, duration: 5m }
              - { id: after, kind: agent_task, agent: worker }
            """);
        var start = harness.Time.GetUtcNow();

        var started = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "sleepy", InstanceId = Id("wait-1") }, TestTimeout.After());
        var timer = Assert.Single(started.Instance.ActiveTimers);
        Assert.Equal(start + TimeSpan.FromMinutes(5), timer.FireAt);
        Assert.Equal(["nap"], started.Instance.CurrentSteps);

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(harness.Agents.Executions);
        var finished = harness.Workflows.WaitForCompletionAsync(Id("wait-1"), TestTimeout.After());
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var final = await finished;

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["wait-1:after:1"], harness.Agents.Executions);
        Assert.Equal(start + TimeSpan.FromMinutes(5), final.Steps.Single(s => s.StepId == "nap").EndedAt);
    }

    [Fact]
    public async Task An_external_event_completes_its_wait_with_the_payload_as_output()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: approval
            steps:
              - { id: approve, kind: wait, event: { name: approved, timeout: 1h } }
              - { id: send, kind: agent_task, agent: worker, input: { by: "${steps.approve.output.by}" } }
            """);

        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "approval", InstanceId = Id("evt-1") }, TestTimeout.After());
        await harness.Workflows.RaiseEventAsync(Id("evt-1"), "approved", JsonSerializer.SerializeToElement(new { by = "ops" }), TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("evt-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("{\"by\":\"ops\"}", final.Steps.Single(s => s.StepId == "approve").Output!.Value.GetRawText());
        Assert.Empty(final.ActiveTimers);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_with_the_same_step_after_exponential_backoff()
    {
        await using var harness = await RunnerHarness.StartAsync(agents => agents.FailuresBeforeSuccess["call"] = 2);
        await harness.RegisterAsync("""
            id: flaky
            steps:
              - { id: call, kind: agent_task, agent: worker, retry: { max_attempts: 3, initial_backoff: 10s, multiplier: 2 } }
            """);

        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "flaky", InstanceId = Id("retry-1") }, TestTimeout.After());
        await harness.Results.WhenRecordedAsync(1).WithTimeout();
        var afterFirst = await harness.Workflows.GetStatusAsync(Id("retry-1"), TestTimeout.After());
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(10), Assert.Single(afterFirst!.ActiveTimers).FireAt);

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.Results.WhenRecordedAsync(2).WithTimeout();
        var afterSecond = await harness.Workflows.GetStatusAsync(Id("retry-1"), TestTimeout.After());
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromSeconds(20), Assert.Single(afterSecond!.ActiveTimers).FireAt);

        var finished = harness.Workflows.WaitForCompletionAsync(Id("retry-1"), TestTimeout.After());
        harness.Time.Advance(TimeSpan.FromSeconds(20));
        var final = await finished;

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["retry-1:call:1", "retry-1:call:2", "retry-1:call:3"], harness.Agents.Executions);
        Assert.Equal(3, final.Steps.Single().Attempts);
    }

    [Fact]
    public async Task A_task_that_exceeds_its_timeout_fails_the_workflow_when_no_attempts_are_left()
    {
        await using var harness = await RunnerHarness.StartAsync(agents => agents.Blocked.Add("slow"));
        await harness.RegisterAsync("""
            id: slow
            steps:
              - { id: slow, kind: agent_task, agent: worker, timeout: 30s }
            """);

        var started = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "slow", InstanceId = Id("timeout-1") }, TestTimeout.After());
        Assert.Equal(TimerPurpose.TaskTimeout, Assert.Single(started.Instance.ActiveTimers).Purpose);
        var finished = harness.Workflows.WaitForCompletionAsync(Id("timeout-1"), TestTimeout.After());
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var final = await finished;

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("timed out", final.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Failed, final.Steps.Single().Status);
    }
}
