namespace AgentPlatform.Agents.Identity;

/// <summary>Thrown when a registration asks for a name another agent already holds.</summary>
public sealed class AgentNameTakenException : Exception
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public AgentNameTakenException(string name)
        : base($"The agent name '{name}' is already taken.")
    {
        Name = name;
    }

    /// <summary>The name that is taken.</summary>
    public string Name { get; }
}
