using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using static AgentPlatform.Workflows.Tests.Engines.Actors.TestInstances;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

public sealed class RunnerOperationsTests
{
    internal const string Waiting = """
        id: waiting
        steps:
          - { id: hold, kind: wait, event: { name: go } }
          - { id: work, kind: agent_task, agent: worker }
        """;

    [Fact]
    public async Task Terminate_stops_a_running_instance_and_later_events_are_rejected()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(Waiting);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("term-1") }, TestTimeout.After());

        var terminated = await harness.Workflows.TerminateAsync(Id("term-1"), "operator said so", TestTimeout.After());

        Assert.Equal(WorkflowStatus.Terminated, terminated.Status);
        Assert.Equal("operator said so", terminated.Error);
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await harness.Workflows.RaiseEventAsync(Id("term-1"), "go", null, TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await harness.Workflows.TerminateAsync(Id("term-1"), "again", TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(async () => await harness.Workflows.TerminateAsync(Id("nobody"), "x", TestTimeout.After()));
        Assert.Empty(harness.Agents.Executions);
    }

    [Fact]
    public async Task Purge_deletes_finished_instances_only_and_listing_filters_by_status()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(Waiting);
        foreach (var id in new[] { "p-1", "p-2", "p-3" })
        {
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id(id) }, TestTimeout.After());
        }

        await harness.Workflows.RaiseEventAsync(Id("p-1"), "go", null, TestTimeout.After());
        await harness.Workflows.WaitForCompletionAsync(Id("p-1"), TestTimeout.After());
        await harness.Workflows.TerminateAsync(Id("p-2"), "stop", TestTimeout.After());

        var running = await harness.Workflows.ListInstancesAsync(WorkflowStatus.Running, cancellationToken: TestTimeout.After());
        Assert.Equal(["p-3"], running.Instances.Select(i => i.InstanceId.Value));
        var completed = await harness.Workflows.ListInstancesAsync(WorkflowStatus.Completed, cancellationToken: TestTimeout.After());
        Assert.Equal(["p-1"], completed.Instances.Select(i => i.InstanceId.Value));
        var firstPage = await harness.Workflows.ListInstancesAsync(limit: 2, cancellationToken: TestTimeout.After());
        Assert.Equal(["p-1", "p-2"], firstPage.Instances.Select(i => i.InstanceId.Value));
        var secondPage = await harness.Workflows.ListInstancesAsync(limit: 2, after: firstPage.NextCursor, cancellationToken: TestTimeout.After());
        Assert.Equal(["p-3"], secondPage.Instances.Select(i => i.InstanceId.Value));
        Assert.Null(secondPage.NextCursor);

        await Assert.ThrowsAsync<WorkflowConflictException>(async () => await harness.Workflows.PurgeAsync(Id("p-3"), TestTimeout.After()));
        await harness.Workflows.PurgeAsync(Id("p-1"), TestTimeout.After());
        Assert.Null(await harness.Workflows.GetStatusAsync(Id("p-1"), TestTimeout.After()));
        Assert.Null(await harness.Workflows.GetHistoryAsync(Id("p-1"), TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(async () => await harness.Workflows.PurgeAsync(Id("p-1"), TestTimeout.After()));

        Assert.Equal(1, await harness.Workflows.PurgeFinishedAsync(cancellationToken: TestTimeout.After()));
        var left = await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After());
        Assert.Equal(["p-3"], left.Instances.Select(i => i.InstanceId.Value));
    }

    [Fact]
    public async Task Starting_an_existing_id_returns_it_for_the_same_definition_and_conflicts_for_another()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync(Waiting);
        await harness.RegisterAsync("""
            id: other
            steps: [ { id: x, kind: agent_task, agent: worker } ]
            """);

        var first = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("dup") }, TestTimeout.After());
        var again = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("dup") }, TestTimeout.After());
        var generated = await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting" }, TestTimeout.After());

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal("dup", again.Instance.InstanceId);
        Assert.True(generated.Created);
        Assert.Equal(32, generated.Instance.InstanceId.Length);
        await Assert.ThrowsAsync<WorkflowConflictException>(async () =>
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "other", InstanceId = Id("dup") }, TestTimeout.After()));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(async () =>
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "missing" }, TestTimeout.After()));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = WorkflowInstanceId.Parse("a~b") }, TestTimeout.After()));
    }

    [Fact]
    public async Task Definitions_are_versioned_and_a_running_instance_keeps_its_version()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var v1 = await harness.RegisterAsync(Waiting);
        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("old") }, TestTimeout.After());
        var v2 = WorkflowDefinitionLoader.FromYaml("""
            id: waiting
            version: 2
            steps:
              - { id: hold, kind: wait, event: { name: go } }
              - { id: work2, kind: agent_task, agent: worker }
            """);

        Assert.Equal(DefinitionRegistrationOutcome.Created, (await harness.Workflows.RegisterDefinitionAsync(v2, TestTimeout.After())).Outcome);
        Assert.Equal(DefinitionRegistrationOutcome.Unchanged, (await harness.Workflows.RegisterDefinitionAsync(v1, TestTimeout.After())).Outcome);
        var changed = v1 with { Description = "changed" };
        Assert.Equal(DefinitionRegistrationOutcome.Conflict, (await harness.Workflows.RegisterDefinitionAsync(changed, TestTimeout.After())).Outcome);
        Assert.Equal(2, (await harness.Workflows.GetDefinitionAsync("waiting", cancellationToken: TestTimeout.After()))!.Version);
        Assert.Equal([1, 2], (await harness.Workflows.ListDefinitionsAsync(TestTimeout.After())).Single().Versions);

        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = Id("new") }, TestTimeout.After());
        await harness.Workflows.RaiseEventAsync(Id("old"), "go", null, TestTimeout.After());
        await harness.Workflows.RaiseEventAsync(Id("new"), "go", null, TestTimeout.After());
        var old = await harness.Workflows.WaitForCompletionAsync(Id("old"), TestTimeout.After());
        var fresh = await harness.Workflows.WaitForCompletionAsync(Id("new"), TestTimeout.After());

        Assert.Equal(1, old.DefinitionVersion);
        Assert.Equal(2, fresh.DefinitionVersion);
        Assert.Equal(["old:work:1", "new:work2:1"], harness.Agents.Executions.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task An_invalid_definition_is_rejected_with_problems_naming_step_and_field()
    {
        await using var harness = await RunnerHarness.StartAsync();
        var invalid = new WorkflowDefinition
        {
            Id = "bad",
            Steps = [new AgentTaskStep { Id = "a", Agent = "worker", Retry = new RetryPolicy { MaxAttempts = 0 } }],
        };

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(async () => await harness.Workflows.RegisterDefinitionAsync(invalid, TestTimeout.After()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("a", problem.StepId);
        Assert.Equal("retry.max_attempts", problem.Field);
        Assert.Empty(await harness.Workflows.ListDefinitionsAsync(TestTimeout.After()));
    }

    [Fact]
    public async Task An_unknown_agent_fails_the_attempt_and_on_failure_continue_moves_on()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: lost
            steps:
              - { id: nobody, kind: agent_task, agent: ghost, on_failure: continue }
              - { id: fine, kind: agent_task, capabilities: { work: 1.0 } }
            """);

        await harness.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "lost", InstanceId = Id("lost-1"), Input = JsonSerializer.SerializeToElement(1) }, TestTimeout.After());
        var final = await harness.Workflows.WaitForCompletionAsync(Id("lost-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Contains("No in-process agent", final.Steps.Single(s => s.StepId == "nobody").Error, StringComparison.Ordinal);
        Assert.Equal(["lost-1:fine:1"], harness.Agents.Executions);
    }

    [Fact]
    public async Task A_start_input_that_misses_a_required_hinted_field_is_rejected_and_nothing_starts()
    {
        await using var harness = await RunnerHarness.StartAsync();
        await harness.RegisterAsync("""
            id: typed
            inputs: { doc: { type: string, required: true } }
            steps: [ { id: x, kind: agent_task, agent: worker, input: "${input.doc}" } ]
            """);

        var error = await Assert.ThrowsAsync<WorkflowInputException>(async () => await harness.Workflows.StartAsync(
            new WorkflowStartRequest { DefinitionId = "typed", InstanceId = Id("typed-1"), Input = JsonSerializer.SerializeToElement(new { doc = 3 }) },
            TestTimeout.After()));

        Assert.Equal("input.doc", Assert.Single(error.Problems).Path);
        Assert.Null(await harness.Workflows.GetStatusAsync(Id("typed-1"), TestTimeout.After()));
        Assert.Empty((await harness.Workflows.ListInstancesAsync(cancellationToken: TestTimeout.After())).Instances);
    }
}
