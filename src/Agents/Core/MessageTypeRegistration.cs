using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>One message type in the <see cref="MessageSerializerRegistry"/>: its CLR type, the name it travels under and older
/// names it is still recognised by.</summary>
public sealed record MessageTypeRegistration
{
    /// <summary>Registers <paramref name="type"/> under <paramref name="wireName"/>, also accepting <paramref name="aliases"/> on receipt.</summary>
    /// <exception cref="ArgumentException">A name is empty or longer than <see cref="ActorNames.MaxLength"/>.</exception>
    public MessageTypeRegistration(Type type, string wireName, params IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(aliases);
        foreach (var name in aliases.Prepend(wireName))
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > ActorNames.MaxLength)
            {
                throw new ArgumentException($"'{name}' is not a message type name: it must be 1-{ActorNames.MaxLength} characters.", nameof(wireName));
            }
        }

        Type = type;
        WireName = wireName;
        Aliases = aliases;
    }

    /// <summary>The CLR type.</summary>
    public Type Type { get; }

    /// <summary>The name messages of <see cref="Type"/> travel under.</summary>
    public string WireName { get; }

    /// <summary>Further names recognised on receipt, for messages sent or stored under an older name.</summary>
    public IReadOnlyList<string> Aliases { get; }

    internal IEnumerable<string> Names => Aliases.Prepend(WireName);
}
