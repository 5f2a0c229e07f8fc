namespace AgentPlatform.Workflows.Definitions;

/// <summary>What a step failure does.</summary>
public enum FailureAction
{
    /// <summary>The enclosing step list fails (up to the workflow).</summary>
    Fail,

    /// <summary>The step counts as finished (status failed) and its dependents run.</summary>
    Continue,

    /// <summary>The steps listed between the failed step and the target that have not started are skipped;
    /// the failed step counts as finished.</summary>
    Goto,
}
