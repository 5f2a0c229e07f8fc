namespace AgentPlatform.Api;

/// <summary>One invalid field of a request.</summary>
/// <param name="Field">The JSON path, for example <c>capabilities.search</c> or <c>name</c>.</param>
/// <param name="Message">What is wrong, without a trailing period.</param>
public readonly record struct FieldError(string Field, string Message);
