namespace AgentPlatform.Agents.Identity;

/// <summary>What an agent supplies to register; validate it with <see cref="AgentProfileRules"/> first.</summary>
/// <param name="Name">The unique name (3-64 characters <c>[A-Za-z0-9_-]</c>).</param>
/// <param name="Description">What the agent does.</param>
/// <param name="Emoji">An optional short symbol.</param>
/// <param name="Capabilities">Capability name → proficiency in [0, 1].</param>
/// <param name="Role">Its layer in hierarchical teams, if any.</param>
public sealed record AgentRegistration(string Name, string Description, string? Emoji, IReadOnlyDictionary<string, double> Capabilities, AgentRole? Role = null);
