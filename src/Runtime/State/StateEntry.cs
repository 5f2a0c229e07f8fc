namespace AgentPlatform.Runtime.State;

/// <summary>A stored value with its ETag.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The stored bytes (usually UTF-8 JSON).</param>
/// <param name="ETag">The opaque version tag to pass back for a conditional write.</param>
public sealed record StateEntry(string Key, ReadOnlyMemory<byte> Value, string ETag);
