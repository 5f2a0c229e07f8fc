using System.Text;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Maps an agent id (a single name or an <see cref="AgentId"/> wire form) to the key of its presence actor and back.</summary>
/// <remarks>Actor keys cannot hold <c>/</c>, so <c>%</c> becomes <c>%25</c> and <c>/</c> becomes <c>%2F</c>; the mapping is reversible
/// and two agent ids never share a key.</remarks>
internal static class PresenceKeys
{
    public static ActorId ActorIdOf(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (!ActorNames.IsValid(agentId) && !AgentId.TryParse(agentId, out _))
        {
            throw new ArgumentException(
                $"'{agentId}' is not a valid agent id: use one name or type/key, each 1-{ActorNames.MaxLength} characters without '/', '\\', '#', '?' or control characters.",
                nameof(agentId));
        }

        var key = agentId.AsSpan().IndexOfAny('%', '/') < 0 ? agentId : agentId.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);
        if (key.Length > ActorNames.MaxLength)
        {
            throw new ArgumentException($"Agent id '{agentId}' is too long.", nameof(agentId));
        }

        return ActorId.Create(AgentPresenceActor.ActorType, key);
    }

    public static string AgentIdOf(ActorId presenceActor)
    {
        var key = presenceActor.Key;
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var text = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && key[i + 1] == '2' && key[i + 2] is 'F' or '5')
            {
                text.Append(key[i + 2] == 'F' ? '/' : '%');
                i += 2;
            }
            else
            {
                text.Append(key[i]);
            }
        }

        return text.ToString();
    }
}
