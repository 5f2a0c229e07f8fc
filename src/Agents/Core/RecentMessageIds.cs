namespace AgentPlatform.Agents.Core;

/// <summary>The ids of the last few events an activation handled, to drop redeliveries cheaply.</summary>
/// <remarks>A fixed ring scanned linearly: small enough to keep per resident agent, and redeliveries arrive soon after
/// the original, so a short window catches them.</remarks>
internal sealed class RecentMessageIds
{
    public const int Capacity = 16;

    private readonly string?[] _ids = new string?[Capacity];
    private int _next;

    public bool Contains(string id)
    {
        foreach (var seen in _ids)
        {
            if (seen is not null && string.Equals(seen, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(string id)
    {
        _ids[_next] = id;
        _next = (_next + 1) % Capacity;
    }
}
