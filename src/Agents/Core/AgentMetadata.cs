namespace AgentPlatform.Agents.Core;

/// <summary>What identifies and describes an agent: its type, its key and the description of its type.</summary>
/// <param name="Type">The agent type.</param>
/// <param name="Key">The agent key.</param>
/// <param name="Description">The description declared with <see cref="AgentDescriptionAttribute"/>; empty when none.</param>
public sealed record AgentMetadata(string Type, string Key, string Description);
