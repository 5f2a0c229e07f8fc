namespace AgentPlatform.Runtime.Actors;

/// <summary>One buffered change to an actor's state.</summary>
/// <param name="Key">The state key.</param>
/// <param name="Value">The UTF-8 JSON value, or null to delete the key.</param>
public readonly record struct ActorStateChange(string Key, byte[]? Value)
{
    /// <summary>True when the change deletes the key.</summary>
    public bool IsDelete => Value is null;
}
