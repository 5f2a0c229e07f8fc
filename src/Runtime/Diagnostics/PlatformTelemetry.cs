namespace AgentPlatform.Runtime.Diagnostics;

/// <summary>The one place that names every <see cref="System.Diagnostics.Metrics.Meter"/> and
/// <see cref="System.Diagnostics.ActivitySource"/> of the platform, so the host can subscribe to all of them and
/// <c>docs/operations.md</c> can list them.</summary>
/// <remarks>Instruments are named <c>agentplatform.&lt;area&gt;.&lt;what&gt;</c>; a new meter or source is added here
/// and to <see cref="MeterNames"/> or <see cref="ActivitySourceNames"/>, or the exporters never see it.</remarks>
public static class PlatformTelemetry
{
    /// <summary>Channel posts, inbox deliveries, acknowledgements and delivery latency.</summary>
    public const string ChannelsMeter = "AgentPlatform.Channels";

    /// <summary>Agent status transitions (liveness).</summary>
    public const string LivenessMeter = "AgentPlatform.Liveness";

    /// <summary>Workflow instances started and finished, step durations.</summary>
    public const string WorkflowsMeter = "AgentPlatform.Workflows";

    /// <summary>The embedded runtime's SQLite group commit and backups.</summary>
    public const string StorageMeter = "AgentPlatform.Storage";

    /// <summary>Actor turns of the runtime (embedded or Dapr), per actor type and outcome.</summary>
    public const string RuntimeMeter = "AgentPlatform.Runtime";

    /// <summary>Capability matches of task dispatch: how long ranking the candidates took, and whether one was found.</summary>
    public const string DispatchMeter = "AgentPlatform.Dispatch";

    /// <summary>Tasks waiting for an agent, per capability and inbox priority, and their wait until pick-up.</summary>
    public const string TasksMeter = "AgentPlatform.Tasks";

    /// <summary>LLM calls: GenAI token usage and operation duration, cost, retries, the governor's concurrency limits.</summary>
    public const string LlmMeter = "AgentPlatform.Llm";

    /// <summary>Spans of workflow steps: one per task attempt, from scheduling to its result.</summary>
    public const string WorkflowsActivitySource = "AgentPlatform.Workflows";

    /// <summary>Spans of channel fan-out: one per post, from its channel's turn to its commit and the wake-up of its recipients.</summary>
    public const string ChannelsActivitySource = "AgentPlatform.Channels";

    /// <summary>Spans of task dispatch: one per task attempt, from matching to its assignment to an agent.</summary>
    public const string DispatchActivitySource = "AgentPlatform.Dispatch";

    /// <summary>Every meter of the platform.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [RuntimeMeter, DispatchMeter, ChannelsMeter, LivenessMeter, WorkflowsMeter, StorageMeter, TasksMeter, LlmMeter];

    /// <summary>Every activity source of the platform (HTTP request spans come from ASP.NET Core itself).</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = [WorkflowsActivitySource, DispatchActivitySource, ChannelsActivitySource];
}
