using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Rights;

/// <summary>What the operator allowed an agent to do with workflows beyond the operator-only default.</summary>
/// <param name="StartDefinitions">The definition ids whose instances the agent may start, sorted, without duplicates.</param>
/// <param name="RaiseEvents">Whether the agent may raise events on instances it started.</param>
public sealed record AgentRights(
    [property: JsonPropertyName("startDefinitions")] IReadOnlyList<string> StartDefinitions,
    [property: JsonPropertyName("raiseEvents")] bool RaiseEvents)
{
    /// <summary>The most definitions one agent may be allowed to start.</summary>
    public const int MaxStartDefinitions = 256;

    /// <summary>No rights: the default of every agent.</summary>
    public static readonly AgentRights None = new([], false);

    /// <summary>Creates rights, sorting and de-duplicating <paramref name="startDefinitions"/> (ordinal).</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxStartDefinitions"/> definitions.</exception>
    public static AgentRights Create(IEnumerable<string> startDefinitions, bool raiseEvents)
    {
        ArgumentNullException.ThrowIfNull(startDefinitions);
        var sorted = startDefinitions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (sorted.Length > MaxStartDefinitions)
        {
            throw new ArgumentException($"At most {MaxStartDefinitions} definitions.", nameof(startDefinitions));
        }

        return new AgentRights(sorted, raiseEvents);
    }
}
