using AgentPlatform.Agents.Liveness;

namespace AgentPlatform.Api;

/// <summary>The wire names of agent statuses and of what a heartbeat may declare.</summary>
/// <remarks>Heartbeats still accept <c>available</c>, read as <c>idle</c>; listings accept <c>available</c> as "can take work"
/// (<c>idle</c> or <c>working</c>).</remarks>
public static class AgentStatusNames
{
    /// <summary>What the heartbeat's <c>status</c> may be, for problem messages.</summary>
    public const string Declarable = "'idle', 'busy' or 'waiting' ('available' is read as 'idle')";

    /// <summary>What a listing's <c>status</c> may be, for problem messages.</summary>
    public const string Listable = "'idle', 'working', 'busy', 'waiting', 'error', 'offline' or 'available' (idle or working)";

    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string Of(AgentStatus status) => status switch
    {
        AgentStatus.Idle => "idle",
        AgentStatus.Working => "working",
        AgentStatus.Busy => "busy",
        AgentStatus.Waiting => "waiting",
        AgentStatus.Error => "error",
        _ => "offline",
    };

    /// <summary>Reads what a heartbeat declares; false for anything else.</summary>
    public static bool TryParseDeclared(string text, out DeclaredStatus declared)
    {
        (var known, declared) = text switch
        {
            "idle" or "available" => (true, DeclaredStatus.Idle),
            "busy" => (true, DeclaredStatus.Busy),
            "waiting" => (true, DeclaredStatus.Waiting),
            _ => (false, DeclaredStatus.Idle),
        };
        return known;
    }

    /// <summary>Reads a listing filter into the statuses it accepts; null for anything else.</summary>
    public static IReadOnlySet<AgentStatus>? ParseFilter(string text) => text switch
    {
        "available" => new HashSet<AgentStatus> { AgentStatus.Idle, AgentStatus.Working },
        "idle" => new HashSet<AgentStatus> { AgentStatus.Idle },
        "working" => new HashSet<AgentStatus> { AgentStatus.Working },
        "busy" => new HashSet<AgentStatus> { AgentStatus.Busy },
        "waiting" => new HashSet<AgentStatus> { AgentStatus.Waiting },
        "error" => new HashSet<AgentStatus> { AgentStatus.Error },
        "offline" => new HashSet<AgentStatus> { AgentStatus.Offline },
        _ => null,
    };
}
