namespace AgentPlatform.Workflows.Definitions;

/// <summary>One problem found in a definition, located by a path such as <c>steps[extract].retry.max_attempts</c>.</summary>
/// <param name="Path">Where the problem is: the step path (ids in brackets, <c>#index</c> when the id is missing)
/// followed by the field.</param>
/// <param name="StepId">The id of the step concerned, when the problem is about a step.</param>
/// <param name="Field">The wire name of the field concerned (for example <c>retry.max_attempts</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record WorkflowProblem(string Path, string? StepId, string Field, string Message)
{
    /// <summary>The problem as one line: <c>path: message</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}
