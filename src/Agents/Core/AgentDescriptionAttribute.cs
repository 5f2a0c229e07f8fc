namespace AgentPlatform.Agents.Core;

/// <summary>Declares on an agent class the description of its agents, reported in <see cref="AgentMetadata.Description"/>.</summary>
/// <param name="description">What the agents of this class do.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AgentDescriptionAttribute(string description) : Attribute
{
    /// <summary>What the agents of this class do.</summary>
    public string Description { get; } = description;
}
