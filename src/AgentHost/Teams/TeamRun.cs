using System.Text.Json;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.History;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.AgentHost.Teams;

/// <summary>One workflow run of a team (a project run or a goal run) as read at one moment: its status and its history.</summary>
/// <param name="State">The run's status.</param>
/// <param name="History">The run's history.</param>
public sealed record TeamRun(WorkflowInstanceState State, IReadOnlyList<WorkflowEvent> History)
{
    /// <summary>The run's steps by id.</summary>
    internal Dictionary<string, StepState> Steps { get; } = State.Steps.ToDictionary(s => s.StepId, StringComparer.Ordinal);

    /// <summary>The last plan each plan step recorded, by step id.</summary>
    internal Dictionary<string, JsonElement> Plans { get; } = History.OfType<PlanRecorded>().Where(p => p.Plan is not null)
        .GroupBy(p => p.StepId).ToDictionary(g => g.Key, g => g.Last().Plan!.Value, StringComparer.Ordinal);

    /// <summary>Who ran each attempt of the run's tasks, read from the history once per run.</summary>
    internal TeamTaskAttempts Attempts => _attempts ??= TeamTaskAttempts.From(History);

    /// <summary>The status name of an ended run (<c>completed</c>, <c>failed</c>, <c>terminated</c>); null while it runs.</summary>
    internal string? EndStatus => State.Status switch
    {
        WorkflowStatus.Completed => "completed",
        WorkflowStatus.Failed => "failed",
        WorkflowStatus.Terminated => "terminated",
        _ => null,
    };

    private TeamTaskAttempts? _attempts;

    /// <summary>The step <paramref name="id"/>, or null when the definition has none.</summary>
    internal StepState? Step(string id) => Steps.GetValueOrDefault(id);

    /// <summary>The tasks of <paramref name="planStep"/>'s recorded plan in plan order, each with the id of the step that ran it
    /// (<c>{step}[k]</c>); none before the plan was recorded.</summary>
    internal IEnumerable<(string Id, IReadOnlyList<string> DependsOn, string Copy)> PlanTasks(string planStep)
    {
        if (!Plans.TryGetValue(planStep, out var plan) || plan.ValueKind != JsonValueKind.Object
            || !plan.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            IReadOnlyList<string> dependsOn = task.TryGetProperty("depends_on", out var deps) && deps.ValueKind == JsonValueKind.Array
                ? [.. deps.EnumerateArray().Select(d => d.GetString() ?? string.Empty)]
                : [];
            yield return (task.GetProperty("id").GetString()!, dependsOn, WorkflowStepRef.Create(planStep, index++).ToString());
        }
    }

    /// <summary>Whether one of <paramref name="runs"/> (plan steps) completed.</summary>
    internal bool AnyCompleted(IEnumerable<string> runs) => runs.Any(r => Step(r) is { Status: StepStatus.Completed });

    /// <summary>The error of the last of <paramref name="runs"/> that failed, or null.</summary>
    internal string? LastError(IEnumerable<string> runs) => runs.Select(Step).LastOrDefault(s => s is { Status: StepStatus.Failed })?.Error;
}
