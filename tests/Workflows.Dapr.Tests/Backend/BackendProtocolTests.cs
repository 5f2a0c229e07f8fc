using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Workflows.Dapr.Tests.Backend;

/// <summary>The backend against the unmodified Dapr.Workflow worker and client with plain SDK workflows: what the step
/// engine does not use yet (child workflows, events sent between instances, suspension, failures) works too.</summary>
public sealed class BackendProtocolTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private WorkflowBackendServer _server = null!;
    private IHost _app = null!;

    private DaprWorkflowClient Client => _app.Services.GetRequiredService<DaprWorkflowClient>();

    public async Task InitializeAsync()
    {
        _server = await WorkflowBackendServer.StartAsync(Path.Combine(_directory.Path, "workflows.db"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = _server.Endpoint;
        builder.Logging.ClearProviders();
        builder.Services.AddDaprWorkflow(options =>
        {
            options.RegisterActivity<string, string>("upper", (_, text) => Task.FromResult(text.ToUpperInvariant()));
            options.RegisterActivity<string, string>("explode", (_, text) => throw new InvalidOperationException("boom: " + text));
            options.RegisterWorkflow<string, string>("child", async (context, text) => await context.CallActivityAsync<string>("upper", text) + "!");
            options.RegisterWorkflow<string, string>("parent", async (context, text) =>
            {
                var child = await context.CallChildWorkflowAsync<string>("child", text, new ChildWorkflowTaskOptions { InstanceId = context.InstanceId + "-child" });
                await context.CreateTimer(TimeSpan.FromMilliseconds(100));
                return child;
            });
            options.RegisterWorkflow<string, string>("listener", async (context, _) => await context.WaitForExternalEventAsync<string>("ping"));
            options.RegisterWorkflow<string, string>("sender", (context, target) =>
            {
                context.SendEvent(target, "ping", "from " + context.InstanceId);
                return Task.FromResult("sent");
            });
            options.RegisterWorkflow<string, string>("failing", async (context, text) => await context.CallActivityAsync<string>("explode", text));
        });
        _app = builder.Build();
        await _app.StartAsync(TestTimeout.After());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync(TestTimeout.After());
        _app.Dispose();
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_child_workflow_runs_and_its_result_returns_to_the_parent()
    {
        await Client.ScheduleNewWorkflowAsync("parent", "p-1", "hello");

        var state = await Client.WaitForWorkflowCompletionAsync("p-1", cancellation: TestTimeout.After());

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("HELLO!", state.ReadOutputAs<string>());
        var child = await Client.GetWorkflowStateAsync("p-1-child", cancellation: TestTimeout.After());
        Assert.Equal(WorkflowRuntimeStatus.Completed, child!.RuntimeStatus);
        var history = await Client.GetInstanceHistoryAsync("p-1", TestTimeout.After());
        Assert.NotEmpty(history);
    }

    [Fact]
    public async Task An_event_sent_by_one_workflow_reaches_another()
    {
        await Client.ScheduleNewWorkflowAsync("listener", "l-1", "");
        await Client.WaitForWorkflowStartAsync("l-1", cancellation: TestTimeout.After());

        await Client.ScheduleNewWorkflowAsync("sender", "s-1", "l-1");
        var state = await Client.WaitForWorkflowCompletionAsync("l-1", cancellation: TestTimeout.After());

        Assert.Equal("from s-1", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_suspended_instance_takes_events_only_after_it_resumes()
    {
        await Client.ScheduleNewWorkflowAsync("listener", "l-2", "");
        await Client.WaitForWorkflowStartAsync("l-2", cancellation: TestTimeout.After());
        await Client.SuspendWorkflowAsync("l-2", "hold", TestTimeout.After());
        await Client.RaiseEventAsync("l-2", "ping", "while suspended", TestTimeout.After());

        var suspended = await Client.GetWorkflowStateAsync("l-2", cancellation: TestTimeout.After());
        await Client.ResumeWorkflowAsync("l-2", "go", TestTimeout.After());
        var state = await Client.WaitForWorkflowCompletionAsync("l-2", cancellation: TestTimeout.After());

        Assert.Equal(WorkflowRuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal("while suspended", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failing_activity_fails_the_workflow_with_its_message()
    {
        await Client.ScheduleNewWorkflowAsync("failing", "f-1", "x");

        var state = await Client.WaitForWorkflowCompletionAsync("f-1", cancellation: TestTimeout.After());

        Assert.Equal(WorkflowRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("boom: x", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_are_listed_paged_and_purged_once_finished()
    {
        await Client.ScheduleNewWorkflowAsync("child", "k-1", "a");
        await Client.ScheduleNewWorkflowAsync("child", "k-2", "b");
        await Client.ScheduleNewWorkflowAsync("listener", "k-3", "");
        await Client.WaitForWorkflowCompletionAsync("k-1", cancellation: TestTimeout.After());
        await Client.WaitForWorkflowCompletionAsync("k-2", cancellation: TestTimeout.After());

        var first = await Client.ListInstanceIdsAsync(pageSize: 2, cancellation: TestTimeout.After());
        var second = await Client.ListInstanceIdsAsync(first.ContinuationToken, 2, TestTimeout.After());
        var purged = await Client.PurgeInstanceAsync("k-1", TestTimeout.After());
        await Client.TerminateWorkflowAsync("k-3", "stop", TestTimeout.After());
        var terminated = await Client.WaitForWorkflowCompletionAsync("k-3", cancellation: TestTimeout.After());

        Assert.Equal(["k-1", "k-2"], first.InstanceIds);
        Assert.Equal(["k-3"], second.InstanceIds);
        Assert.True(purged);
        Assert.False((await Client.GetWorkflowStateAsync("k-1", cancellation: TestTimeout.After()))?.Exists ?? false);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, terminated.RuntimeStatus);
    }
}
