using System.Collections.Concurrent;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using AgentPlatform.Workflows.Engines.Dapr;
using AgentPlatform.Workflows.Ids;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentPlatform.Workflows.Dapr.Tests.Engine;

/// <summary>The start-up pass of the Dapr engine that dispatches again the tasks running instances await.</summary>
public sealed class DaprRecoveryTests
{
    [Fact]
    public async Task A_restart_dispatches_the_childs_agent_task_again_but_not_the_parents_child_attempt()
    {
        using var directory = new TempDirectory();
        var appDirectory = Path.Combine(directory.Path, "app");
        await using var server = await WorkflowBackendServer.StartAsync(Path.Combine(directory.Path, "workflows.db"));
        var before = new ConformanceAgents();
        before.Blocked.Add("stuck");
        await using (var app = await DaprEngineApp.StartAsync(server.Endpoint, appDirectory, before))
        {
            await app.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml("""
                id: leaf
                steps: [ { id: stuck, kind: agent_task, agent: worker } ]
                """), TestTimeout.After());
            await app.Workflows.RegisterDefinitionAsync(WorkflowDefinitionLoader.FromYaml("""
                id: waiting
                steps: [ { id: child, kind: workflow, definition: leaf } ]
                """), TestTimeout.After());
            await app.Workflows.StartAsync(new WorkflowStartRequest { DefinitionId = "waiting", InstanceId = WorkflowInstanceId.Create("resume-1") }, TestTimeout.After());
            await before.StartedAsync("stuck").WaitAsync(TestTimeout.After());
        }

        var dispatched = new ConcurrentQueue<string>();
        await using var restarted = await DaprEngineApp.StartAsync(server.Endpoint, appDirectory, new ConformanceAgents(), services =>
            services.AddSingleton<IWorkflowTaskDispatcher>(sp => new RecordingDispatcher(ActivatorUtilities.CreateInstance<InProcessTaskDispatcher>(sp), dispatched)));
        var recovery = restarted.Services.GetServices<IHostedService>().OfType<DaprWorkflowRecovery>().Single();
        await recovery.ExecuteTask!.WaitAsync(TestTimeout.After());
        var final = await restarted.Workflows.WaitForCompletionAsync(WorkflowInstanceId.Create("resume-1"), TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Contains("resume-1~child:stuck:1", dispatched);
        Assert.DoesNotContain("resume-1:child:1", dispatched);
    }

    /// <summary>Records the id of every task handed out, then hands it to the in-process dispatcher.</summary>
    private sealed class RecordingDispatcher(InProcessTaskDispatcher inner, ConcurrentQueue<string> dispatched) : IWorkflowTaskDispatcher, IDisposable
    {
        public ValueTask DispatchAsync(WorkflowTask task, CancellationToken cancellationToken = default)
        {
            dispatched.Enqueue(task.TaskId);
            return inner.DispatchAsync(task, cancellationToken);
        }

        public ValueTask CancelAsync(string taskId, string reason, CancellationToken cancellationToken = default) => inner.CancelAsync(taskId, reason, cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
