using System.Diagnostics.CodeAnalysis;

namespace AgentPlatform.Runtime.Actors;

/// <summary>Addresses one actor: its type and its key within that type.</summary>
/// <remarks>The wire form is <c>type/key</c>. Neither part may be empty or contain <c>/ \ # ?</c>,
/// control characters, or be <c>.</c> or <c>..</c>, so that every id is also a valid Dapr actor id.</remarks>
public readonly record struct ActorId
{
    private ActorId(string type, string key)
    {
        Type = type;
        Key = key;
    }

    /// <summary>The actor type, for example <c>agent</c>.</summary>
    public string Type { get; }

    /// <summary>The key that names one actor of <see cref="Type"/>.</summary>
    public string Key { get; }

    /// <summary>Creates a validated id.</summary>
    /// <exception cref="ArgumentException">A part is empty or contains a forbidden character.</exception>
    public static ActorId Create(string type, string key)
    {
        ActorNames.ThrowIfInvalid(type, nameof(type));
        ActorNames.ThrowIfInvalid(key, nameof(key));
        return new ActorId(type, key);
    }

    /// <summary>Parses the <c>type/key</c> wire form.</summary>
    /// <exception cref="FormatException">The text is not a valid actor id.</exception>
    public static ActorId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an actor id of the form type/key.");
    }

    /// <summary>Parses the <c>type/key</c> wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ActorId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var type = text[..slash];
        var key = text[(slash + 1)..];
        if (!ActorNames.IsValid(type) || !ActorNames.IsValid(key))
        {
            return false;
        }

        id = new ActorId(type, key);
        return true;
    }

    /// <summary>The <c>type/key</c> wire form.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
