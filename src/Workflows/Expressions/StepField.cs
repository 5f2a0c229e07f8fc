namespace AgentPlatform.Workflows.Expressions;

/// <summary>Which part of a step a <c>steps.&lt;id&gt;.&lt;field&gt;</c> reference reads.</summary>
public enum StepField
{
    /// <summary><c>output</c>: the step output (missing until the step completed).</summary>
    Output,

    /// <summary><c>status</c>: the step status as a string (<c>pending</c>, <c>running</c>, <c>completed</c>, ...).</summary>
    Status,

    /// <summary><c>error</c>: the step error (missing unless it failed).</summary>
    Error,
}
