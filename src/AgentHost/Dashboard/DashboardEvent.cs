namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>One live update: its place in the log, its SSE event name and its JSON data (one line).</summary>
public sealed record DashboardEvent(long Sequence, string Type, string Data)
{
    /// <summary>Agents changed; data is an <see cref="AgentChangesView"/>.</summary>
    public const string Agents = "agents";

    /// <summary>A channel changed or got messages; data is a <see cref="ChannelActivityView"/>.</summary>
    public const string Channel = "channel";

    /// <summary>A workflow instance moved; data is a <see cref="WorkflowTimelineView"/>.</summary>
    public const string Workflow = "workflow";

    /// <summary>The open tasks changed; data is an <see cref="OpenTasksView"/>.</summary>
    public const string Tasks = "tasks";

    /// <summary>Updates were missed (the page was away too long, or the host restarted): reload everything.</summary>
    public const string Reset = "reset";

    /// <summary>The session expired or was signed out: the stream ends.</summary>
    public const string SignedOut = "signed-out";
}
