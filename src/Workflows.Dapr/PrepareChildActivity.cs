using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using global::Dapr.Workflow;

namespace AgentPlatform.Workflows.Engines.Dapr;

/// <summary>Readies the start of a <c>workflow</c> step's attempt as a Dapr child workflow: resolves the definition, checks the
/// input, clears a child an earlier attempt left under the same id, and indexes the new child; the orchestration then calls
/// <see cref="StepEngineWorkflow"/> as a child with the returned input, or fails the attempt with the returned error.</summary>
public sealed class PrepareChildActivity(DaprWorkflowClient client) : WorkflowActivity<string, string>
{
    /// <summary>The Dapr activity name.</summary>
    public const string Name = "agent-platform-prepare-child";

    /// <inheritdoc/>
    public override async Task<string> RunAsync(WorkflowActivityContext context, string input)
    {
        var request = JsonSerializer.Deserialize<Request>(input, WorkflowJson.Options)
            ?? throw new ArgumentException("The activity input is empty.", nameof(input));
        var prepared = await client.PrepareChildAsync(request.Schedule, request.TraceParent, CancellationToken.None);
        return JsonSerializer.Serialize(prepared, WorkflowJson.Options);
    }

    /// <summary>The activity input.</summary>
    /// <param name="Schedule">The attempt as the parent recorded it.</param>
    /// <param name="TraceParent">The parent's trace, continued by the child.</param>
    public sealed record Request(
        [property: JsonPropertyName("schedule")] ScheduleTask Schedule,
        [property: JsonPropertyName("traceparent")] string? TraceParent);

    /// <summary>The activity output: exactly one of the child's orchestration input and the attempt's error.</summary>
    /// <param name="Start">The child's input.</param>
    /// <param name="Error">Why the attempt fails without a child (an unregistered definition, an invalid input).</param>
    public sealed record Prepared(
        [property: JsonPropertyName("start")] StepEngineInput? Start,
        [property: JsonPropertyName("error")] string? Error);
}
