using System.Text.Json;

namespace AgentPlatform.Workflows.Decisions;

/// <summary>A command the decider wants, until its event is in the history (or it is dropped as obsolete).</summary>
internal sealed class OutboxEntry
{
    public required OutboxKind Kind { get; init; }

    public int Step { get; init; } = -1;

    public string? Key { get; init; }

    public int Attempt { get; init; }

    /// <summary>The event index the decision was made at; references resolve as of that point.</summary>
    public long Cutoff { get; init; }

    public TimerRuntime? Timer { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<int>? Branches { get; init; }

    public JsonElement? Output { get; init; }

    /// <summary>Recorded in the history, or dropped.</summary>
    public bool Done { get; set; }

    public WorkflowCommand? Built { get; set; }
}
