namespace AgentPlatform.Agents.Identity;

/// <summary>One rule a profile field breaks.</summary>
/// <param name="Field">The field's JSON path, for example <c>capabilities.search</c>.</param>
/// <param name="Message">What is wrong, without a trailing period.</param>
public readonly record struct ProfileError(string Field, string Message);
