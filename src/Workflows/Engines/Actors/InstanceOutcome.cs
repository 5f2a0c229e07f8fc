namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>How an instance answered an operation.</summary>
internal enum InstanceOutcome
{
    /// <summary>Done as asked.</summary>
    Done,

    /// <summary>The instance has no history.</summary>
    NotFound,

    /// <summary>The instance existed already (start).</summary>
    Existing,

    /// <summary>The instance is in a state that forbids the operation (finished for raise/terminate, running for purge).</summary>
    Conflict,
}
