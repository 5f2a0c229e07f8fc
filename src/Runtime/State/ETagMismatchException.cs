namespace AgentPlatform.Runtime.State;

/// <summary>Raised when a conditional write or delete finds a different ETag (or an existing key under first-write).</summary>
public sealed class ETagMismatchException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public ETagMismatchException(string key)
        : base($"The ETag given for state key '{key}' does not match the stored one; nothing was written.")
    {
        Key = key;
    }

    /// <summary>The key whose ETag did not match.</summary>
    public string Key { get; }
}
