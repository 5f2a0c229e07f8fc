using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A timer the decider asked for, and how far the history has got with it.</summary>
internal sealed class TimerRuntime(string id, int step, TimerPurpose purpose, DateTimeOffset fireAt)
{
    public string Id { get; } = id;

    public int Step { get; } = step;

    public TimerPurpose Purpose { get; } = purpose;

    public DateTimeOffset FireAt { get; set; } = fireAt;

    /// <summary>TimerCreated is in the history.</summary>
    public bool Created { get; set; }

    /// <summary>TimerFired or TimerCancelled is in the history.</summary>
    public bool Done { get; set; }

    /// <summary>No longer needed; a firing is ignored.</summary>
    public bool Obsolete { get; set; }

    public OutboxEntry? CreateEntry { get; set; }

    public OutboxEntry? CancelEntry { get; set; }
}
