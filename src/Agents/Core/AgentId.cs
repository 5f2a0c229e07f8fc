using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Core;

/// <summary>Addresses one agent: its type and its key within that type.</summary>
/// <remarks>The wire form is <c>type/key</c>; <see cref="Parse"/> also accepts <c>type:key</c>, the form some AutoGen documentation shows. Both parts follow <see cref="ActorNames"/>' rules, because an agent is the actor
/// with the same type and key: <see cref="ToActorId"/> maps it one to one, without a prefix.</remarks>
[JsonConverter(typeof(WireFormJsonConverter<AgentId>))]
public readonly record struct AgentId : IParsable<AgentId>
{
    private AgentId(string type, string key)
    {
        Type = type;
        Key = key;
    }

    /// <summary>The key <see cref="IAgentRuntime.GetAsync"/> uses when none is given, as AutoGen's <c>runtime.get</c> does.</summary>
    public const string DefaultKey = "default";

    /// <summary>The agent type, which is also the actor type hosting it.</summary>
    public string Type { get; }

    /// <summary>The key naming one agent of <see cref="Type"/>; a type subscription uses the topic source.</summary>
    public string Key { get; }

    /// <summary>Creates a validated id.</summary>
    /// <exception cref="ArgumentException">A part is empty, too long, or contains a forbidden character.</exception>
    public static AgentId Create(string type, string key)
    {
        ActorNames.ThrowIfInvalid(type, nameof(type));
        ActorNames.ThrowIfInvalid(key, nameof(key));
        return new AgentId(type, key);
    }

    /// <summary>Parses the <c>type/key</c> wire form, or <c>type:key</c> when the text has no <c>/</c> (split at the first <c>:</c>).</summary>
    /// <exception cref="FormatException">The text is not a valid agent id.</exception>
    public static AgentId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an agent id of the form type/key.");
    }

    /// <summary>Parses <c>type/key</c> or <c>type:key</c> without throwing; see <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AgentId id)
    {
        id = default;
        if (ActorId.TryParse(text, out var actor))
        {
            id = new AgentId(actor.Type, actor.Key);
            return true;
        }

        var colon = text is null || text.Contains('/', StringComparison.Ordinal) ? -1 : text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !ActorNames.IsValid(text![..colon]) || !ActorNames.IsValid(text[(colon + 1)..]))
        {
            return false;
        }

        id = new AgentId(text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>The agent addressed by an actor id of the same type and key.</summary>
    public static AgentId FromActorId(ActorId actorId) => Create(actorId.Type, actorId.Key);

    /// <summary>The actor hosting this agent: same type, same key.</summary>
    public ActorId ToActorId() => ActorId.Create(Type, Key);

    /// <inheritdoc/>
    static AgentId IParsable<AgentId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<AgentId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out AgentId result) => TryParse(s, out result);

    /// <summary>The <c>type/key</c> wire form.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
