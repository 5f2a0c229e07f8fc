using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Operations;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Writes an instance's summary into the platform's instance index (Dapr's own listing has no status filter).</summary>
public sealed class RecordInstanceActivity(DaprWorkflowIndex index) : WorkflowActivity<string, bool>
{
    /// <summary>The Dapr activity name.</summary>
    public const string Name = "agent-platform-record-instance";

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(WorkflowActivityContext context, string input)
    {
        var summary = JsonSerializer.Deserialize<WorkflowInstanceSummary>(input, WorkflowJson.Options)
            ?? throw new ArgumentException("The activity input is empty.", nameof(input));
        await index.PutAsync(summary, CancellationToken.None);
        return true;
    }
}
