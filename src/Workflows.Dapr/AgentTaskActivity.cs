using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Dispatch;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>The one agent-task activity: hands a task attempt to the dispatch port and returns once it is accepted.</summary>
/// <remarks>The result does not come back as the activity's output: the dispatch sink raises it into the orchestration
/// as an external event (see <see cref="DaprTaskResultSink"/>), so a task may run for hours without holding an activity
/// open. After a crash Dapr may run this activity again: a task whose result already exists is not handed out again, its
/// kept result is raised again instead (see <see cref="DaprTaskResultSink"/>).</remarks>
public sealed class AgentTaskActivity(IWorkflowTaskDispatcher dispatcher, DaprTaskResultSink results) : WorkflowActivity<string, bool>
{
    /// <summary>The Dapr activity name.</summary>
    public const string Name = "agent-platform-agent-task";

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        var task = JsonSerializer.Deserialize<WorkflowTask>(input, WorkflowJson.Options)
            ?? throw new ArgumentException("The activity input is empty.", nameof(input));
        await results.DeliverAsync(task, dispatcher);
        return true;
    }
}
