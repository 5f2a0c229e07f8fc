namespace AgentPlatform.Runtime.State;

/// <summary>Concurrency mode of a write.</summary>
public enum StateConcurrency
{
    /// <summary>The default: a write without an ETag overwrites.</summary>
    LastWrite,

    /// <summary>A write without an ETag only inserts; with an ETag it must match.</summary>
    FirstWrite,
}
