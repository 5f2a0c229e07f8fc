namespace AgentPlatform.Agents.Core;

/// <summary>What an <see cref="InterventionHandler"/> returns instead of a message to drop it.</summary>
public sealed class DropMessage
{
    private DropMessage()
    {
    }

    /// <summary>The one instance.</summary>
    public static DropMessage Instance { get; } = new();
}
