using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

/// <summary>The same definitions and expected outcomes on every engine: one subclass per engine.</summary>
public abstract partial class EngineConformanceTests
{
    protected abstract Task<IEngineHarness> StartEngineAsync(ConformanceAgents agents);

    [Fact]
    public async Task A_sequence_runs_each_task_once_in_order_with_resolved_inputs()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: pipeline
            steps:
              - { id: extract, kind: agent_task, agent: worker, input: { doc: "${input.doc}" } }
              - { id: summarize, kind: agent_task, capabilities: { summarize: 1.0 }, min_confidence: 0.8, input: "${steps.extract.output.input.doc}" }
              - { id: publish, kind: agent_task, capabilities: { work: 1.0 } }
            """);

        var final = await RunAsync(engine, "pipeline", "seq-1", new { doc = "a.pdf" });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["seq-1:extract:1", "seq-1:summarize:1", "seq-1:publish:1"], engine.Agents.Executions);
        Assert.Equal("\"a.pdf\"", final.Steps.Single(s => s.StepId == "summarize").Output!.Value.GetProperty("input").GetRawText());
        var history = await engine.Workflows.GetHistoryAsync(Id("seq-1"), TestTimeout.After());
        Assert.Equal(Enumerable.Range(1, history!.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.IsType<WorkflowCompleted>(history[^1]);
        Assert.Equal(3, history.OfType<TaskCompleted>().Count());
    }

    [Theory]
    [InlineData("all", new[] { "a", "b", "c" })]
    [InlineData("any", new[] { "a" })]
    [InlineData("n", new[] { "a", "b" })]
    public async Task A_parallel_join_holds_with_the_branches_it_needs_and_outputs_only_them(string join, string[] joined)
    {
        await using var engine = await StartAsync(agents =>
        {
            agents.FirstAttemptDelay["b1"] = TimeSpan.FromMilliseconds(300);
            agents.FirstAttemptDelay["c1"] = TimeSpan.FromMilliseconds(900);
        });
        await RegisterAsync(engine, $$"""
            id: fan
            steps:
              - id: fan
                kind: parallel
                join: {{join}}
                {{(join == "n" ? "n: 2" : "")}}
                branches:
                  - { name: a, steps: [ { id: a1, kind: agent_task, agent: worker } ] }
                  - { name: b, steps: [ { id: b1, kind: agent_task, agent: worker } ] }
                  - { name: c, steps: [ { id: c1, kind: agent_task, agent: worker } ] }
              - { id: after, kind: agent_task, agent: worker, input: "${steps.fan.output}" }
            """);

        var final = await RunAsync(engine, "fan", "par-" + join);

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var after = final.Steps.Single(s => s.StepId == "after").Output!.Value.GetProperty("input");
        Assert.Equal(joined, after.EnumerateObject().Select(p => p.Name).Order());
        var history = await engine.Workflows.GetHistoryAsync(Id("par-" + join), TestTimeout.After());
        Assert.Single(history!.OfType<BranchJoined>());
    }

    [Theory]
    [InlineData(0.9, "publish")]
    [InlineData(0.1, "review")]
    public async Task A_condition_runs_only_the_taken_branch(double score, string expected)
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, """
            id: gate
            steps:
              - id: check
                kind: condition
                if: input.score >= 0.8
                then: [ { id: publish, kind: agent_task, agent: worker } ]
                else: [ { id: review, kind: agent_task, agent: worker } ]
            """);

        var final = await RunAsync(engine, "gate", "cond-" + expected, new { score });

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal([$"cond-{expected}:{expected}:1"], engine.Agents.Executions);
        Assert.Equal(StepStatus.Skipped, final.Steps.Single(s => s.StepId is "publish" or "review" && s.StepId != expected).Status);
    }

    [Fact]
    public async Task A_dag_starts_a_step_only_after_all_its_dependencies()
    {
        await using var engine = await StartAsync(agents => agents.FirstAttemptDelay["left"] = TimeSpan.FromMilliseconds(300));
        await RegisterAsync(engine, """
            id: dag
            steps:
              - { id: left, kind: agent_task, agent: worker, depends_on: [] }
              - { id: right, kind: agent_task, agent: worker, depends_on: [] }
              - { id: join, kind: agent_task, agent: worker, depends_on: [left, right] }
              - { id: last, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "dag", "dag-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var order = engine.Agents.Executions;
        Assert.Equal(["dag-1:join:1", "dag-1:last:1"], order.Skip(2));
        Assert.Equal(["dag-1:left:1", "dag-1:right:1"], order.Take(2).Order());
        var history = await engine.Workflows.GetHistoryAsync(Id("dag-1"), TestTimeout.After());
        var leftDone = history!.OfType<TaskCompleted>().Single(e => e.TaskId == "dag-1:left:1").Sequence;
        Assert.True(history!.OfType<TaskScheduled>().Single(e => e.StepId == "join").Sequence > leftDone);
    }

    [Fact]
    public async Task Failed_attempts_are_retried_after_their_back_off()
    {
        await using var engine = await StartAsync(agents => agents.FailuresBeforeSuccess["flaky"] = 2);
        await RegisterAsync(engine, """
            id: retry
            steps:
              - id: flaky
                kind: agent_task
                agent: worker
                retry: { max_attempts: 3, initial_backoff: 200ms, multiplier: 2 }
            """);

        var final = await RunAsync(engine, "retry", "retry-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["retry-1:flaky:1", "retry-1:flaky:2", "retry-1:flaky:3"], engine.Agents.Executions);
        var history = await engine.Workflows.GetHistoryAsync(Id("retry-1"), TestTimeout.After());
        var failed = history!.OfType<TaskFailed>().ToList();
        var scheduled = history!.OfType<TaskScheduled>().ToList();
        Assert.Equal(2, failed.Count);
        Assert.True(scheduled[1].Timestamp - failed[0].Timestamp >= TimeSpan.FromMilliseconds(200));
        Assert.True(scheduled[2].Timestamp - failed[1].Timestamp >= TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_and_its_late_result_is_ignored()
    {
        await using var engine = await StartAsync(agents => agents.FirstAttemptDelay["slow"] = TimeSpan.FromMilliseconds(1200));
        await RegisterAsync(engine, """
            id: timeout
            steps:
              - { id: slow, kind: agent_task, agent: worker, timeout: 300ms, retry: { max_attempts: 2, initial_backoff: 0s } }
              - { id: wait-late, kind: wait, duration: 1500ms }
            """);

        var final = await RunAsync(engine, "timeout", "timeout-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(2, final.Steps.Single(s => s.StepId == "slow").Output!.Value.GetProperty("attempt").GetInt32());
        var history = await engine.Workflows.GetHistoryAsync(Id("timeout-1"), TestTimeout.After());
        Assert.Contains(history!.OfType<TimerFired>(), e => e.TimerId == "timeout:slow:1");
        Assert.Equal(["timeout-1:slow:1", "timeout-1:slow:2"], engine.Agents.Executions);
        Assert.Equal(["timeout-1:slow:1"], engine.Agents.Cancelled);
    }

    [Fact]
    public async Task On_failure_fail_fails_the_workflow_naming_the_step()
    {
        await using var engine = await StartAsync(agents => agents.FailuresBeforeSuccess["broken"] = 99);
        await RegisterAsync(engine, """
            id: fails
            steps:
              - { id: broken, kind: agent_task, agent: worker, on_failure: fail }
              - { id: never, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "fails", "fail-1");

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("broken", final.Error, StringComparison.Ordinal);
        Assert.Equal(["fail-1:broken:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task On_failure_continue_lets_the_next_step_run()
    {
        await using var engine = await StartAsync(agents => agents.FailuresBeforeSuccess["broken"] = 99);
        await RegisterAsync(engine, """
            id: continues
            steps:
              - { id: broken, kind: agent_task, agent: worker, on_failure: continue }
              - { id: next, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "continues", "cont-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(StepStatus.Failed, final.Steps.Single(s => s.StepId == "broken").Status);
        Assert.Equal(["cont-1:broken:1", "cont-1:next:1"], engine.Agents.Executions);
    }

    [Fact]
    public async Task On_failure_goto_jumps_to_the_named_step_and_skips_those_between()
    {
        await using var engine = await StartAsync(agents => agents.FailuresBeforeSuccess["broken"] = 99);
        await RegisterAsync(engine, """
            id: jumps
            steps:
              - { id: broken, kind: agent_task, agent: worker, on_failure: "goto:recover" }
              - { id: skipped, kind: agent_task, agent: worker }
              - { id: recover, kind: agent_task, agent: worker }
            """);

        var final = await RunAsync(engine, "jumps", "goto-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal(["goto-1:broken:1", "goto-1:recover:1"], engine.Agents.Executions);
        Assert.Equal(StepStatus.Skipped, final.Steps.Single(s => s.StepId == "skipped").Status);
    }

    protected async Task<IEngineHarness> StartAsync(Action<ConformanceAgents>? configure = null)
    {
        var agents = new ConformanceAgents();
        configure?.Invoke(agents);
        return await StartEngineAsync(agents);
    }

    protected static async Task RegisterAsync(IEngineHarness engine, string yaml) =>
        await engine.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml(yaml), TestTimeout.After());

    protected static async Task<WorkflowInstanceState> RunAsync(IEngineHarness engine, string definitionId, string instanceId, object? input = null)
    {
        await StartInstanceAsync(engine, definitionId, instanceId, input);
        return await engine.Workflows.WaitForCompletionAsync(Id(instanceId), TestTimeout.After());
    }

    protected static async Task<WorkflowStartResult> StartInstanceAsync(IEngineHarness engine, string definitionId, string instanceId, object? input = null) =>
        await engine.Workflows.StartAsync(
            new WorkflowStartRequest { DefinitionId = definitionId, InstanceId = Id(instanceId), Input = input is null ? null : JsonSerializer.SerializeToElement(input) },
            TestTimeout.After());

    /// <summary>Reads the instance until <paramref name="holds"/>; a Dapr instance's status is only observable by reading it.</summary>
    protected static async Task<WorkflowInstanceState> UntilAsync(IEngineHarness engine, string instanceId, Func<WorkflowInstanceState, bool> holds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = await engine.Workflows.GetStatusAsync(WorkflowInstanceId.Parse(instanceId), timeout.Token);
            if (state is not null && holds(state))
            {
                return state;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    protected static WorkflowInstanceId Id(string value) => WorkflowInstanceId.Create(value);
}
