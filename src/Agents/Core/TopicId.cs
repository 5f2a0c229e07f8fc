using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>Names a topic that agents publish to: a topic type and the source within it.</summary>
/// <remarks>The wire form is <c>type/source</c>. Both parts follow <see cref="ActorNames"/>' rules, because a type subscription
/// turns the source into the key of the receiving agent.</remarks>
[JsonConverter(typeof(WireFormJsonConverter<TopicId>))]
public readonly record struct TopicId : IParsable<TopicId>
{
    private TopicId(string type, string source)
    {
        Type = type;
        Source = source;
    }

    /// <summary>The topic type that subscriptions match, for example <c>orders</c>.</summary>
    public string Type { get; }

    /// <summary>The source within the topic type, for example the conversation id; becomes the receiving agent's key.</summary>
    public string Source { get; }

    /// <summary>Creates a validated topic id.</summary>
    /// <exception cref="ArgumentException">A part is empty, too long, or contains a forbidden character.</exception>
    public static TopicId Create(string type, string source)
    {
        ActorNames.ThrowIfInvalid(type, nameof(type));
        ActorNames.ThrowIfInvalid(source, nameof(source));
        return new TopicId(type, source);
    }

    /// <summary>Parses the <c>type/source</c> wire form.</summary>
    /// <exception cref="FormatException">The text is not a valid topic id.</exception>
    public static TopicId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a topic id of the form type/source.");
    }

    /// <summary>Parses the <c>type/source</c> wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TopicId id)
    {
        id = default;
        if (!ActorId.TryParse(text, out var parts))
        {
            return false;
        }

        id = new TopicId(parts.Type, parts.Key);
        return true;
    }

    /// <inheritdoc/>
    static TopicId IParsable<TopicId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<TopicId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TopicId result) => TryParse(s, out result);

    /// <summary>The <c>type/source</c> wire form.</summary>
    public override string ToString() => $"{Type}/{Source}";
}
