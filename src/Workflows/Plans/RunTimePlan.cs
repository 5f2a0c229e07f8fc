using System.Text.Json;

namespace AgentPlatform.Workflows.Plans;

/// <summary>A plan produced at run time, checked by the rules of <c>docs/schemas/plan.schema.json</c>: either its tasks
/// or every problem found.</summary>
public sealed class RunTimePlan
{
    private RunTimePlan(IReadOnlyList<PlanTask> tasks, IReadOnlyList<string> problems)
    {
        Tasks = tasks;
        Problems = problems;
    }

    /// <summary>The tasks in plan order; empty when the plan is invalid.</summary>
    public IReadOnlyList<PlanTask> Tasks { get; }

    /// <summary>Every problem, each naming its path (for example <c>tasks[2].depends_on</c>); empty when valid.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Whether the plan passed every rule.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Checks <paramref name="plan"/>: an object with a non-empty <c>tasks</c> array of at most
    /// <paramref name="maxTasks"/> tasks; each task with a unique id, exactly one of <c>agent</c> or <c>capabilities</c>,
    /// dependencies on known tasks without cycles, and input references only to its own dependencies.</summary>
    public static RunTimePlan Parse(JsonElement? plan, int maxTasks)
    {
        var reader = new RunTimePlanReader(maxTasks);
        var tasks = reader.Read(plan);
        return reader.Problems.Count == 0 ? new RunTimePlan(tasks, []) : new RunTimePlan([], reader.Problems);
    }
}
