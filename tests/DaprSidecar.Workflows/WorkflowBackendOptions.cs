namespace AgentPlatform.DaprSidecar.Workflows;

/// <summary>Where the workflow backend keeps its state.</summary>
public sealed class WorkflowBackendOptions
{
    /// <summary>The SQLite file holding instances, histories, inboxes, timers and pending activities; a restart over the
    /// same file resumes every unfinished instance.</summary>
    public string DatabasePath { get; set; } = "workflows.db";

    /// <summary>How often due durable timers are looked for.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
