namespace AgentPlatform.AgentHost.Http;

/// <summary>The workflow operations an agent may be granted; see <see cref="WorkflowRightsFilter"/>.</summary>
public enum WorkflowRight
{
    /// <summary>Start an instance of a definition the agent was granted.</summary>
    StartInstance,

    /// <summary>Raise an event on an instance the agent started.</summary>
    RaiseEvent,
}
