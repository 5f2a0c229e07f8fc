namespace AgentPlatform.Agents.Teams;

/// <summary>One rule a team declaration breaks.</summary>
/// <param name="Path">Where, as a JSON pointer, for example <c>/members/0/role</c>; <c>/</c> for the whole document.</param>
/// <param name="Message">What is wrong, without a trailing period.</param>
public readonly record struct TeamProblem(string Path, string Message);
