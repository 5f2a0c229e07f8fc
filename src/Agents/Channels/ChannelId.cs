using System.Diagnostics.CodeAnalysis;

namespace AgentPlatform.Agents.Channels;

/// <summary>Names one channel: a slug of 3-64 characters <c>[a-z0-9-]</c>.</summary>
public readonly record struct ChannelId
{
    /// <summary>The shortest valid id.</summary>
    public const int MinLength = 3;

    /// <summary>The longest valid id.</summary>
    public const int MaxLength = 64;

    private ChannelId(string value) => Value = value;

    /// <summary>The slug.</summary>
    public string Value { get; }

    /// <summary>Creates a validated id.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a slug of 3-64 characters <c>[a-z0-9-]</c>.</exception>
    public static ChannelId Create(string value) =>
        TryParse(value, out var id)
            ? id
            : throw new ArgumentException($"'{value}' is not a channel id: it must be {MinLength}-{MaxLength} characters [a-z0-9-].", nameof(value));

    /// <summary>Parses an id without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ChannelId id)
    {
        id = default;
        if (!IsValid(text))
        {
            return false;
        }

        id = new ChannelId(text);
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid channel id.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text)
    {
        if (text is null || text.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The slug.</summary>
    public override string ToString() => Value;
}
