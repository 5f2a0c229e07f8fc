namespace AgentPlatform.Runtime.Actors;

/// <summary>Validates actor types, keys, timer and reminder names by Dapr's rules.</summary>
public static class ActorNames
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>True when <paramref name="name"/> may be used as an actor type, key, timer or reminder name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when the name is invalid.</summary>
    public static void ThrowIfInvalid(string? name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: it must be 1-{MaxLength} characters, not '.' or '..', without '/', '\\', '#', '?' or control characters.",
                parameterName);
        }
    }
}
