namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Method names of the instance actor.</summary>
internal static class InstanceMethods
{
    public const string Start = "start";
    public const string Status = "status";
    public const string History = "history";
    public const string TaskResults = "task-results";
    public const string RaiseEvent = "raise-event";
    public const string Terminate = "terminate";
    public const string Resume = "resume";
    public const string Purge = "purge";
    public const string TimerReminderPrefix = "wf-timer:";
}
