namespace AgentPlatform.Workflows.Decisions;

/// <summary>One step list of a compiled definition: the top level, a condition branch or a parallel branch.</summary>
internal sealed class PlanScope(int index, int owner, int branch, int[] steps)
{
    public int Index { get; } = index;

    /// <summary>The owning condition, parallel or plan step, or -1 for the top level.</summary>
    public int Owner { get; } = owner;

    /// <summary>The branch index inside a parallel owner (the item index inside a <c>for_each</c>), or -1.</summary>
    public int Branch { get; } = branch;

    /// <summary>Plan step indexes in list order.</summary>
    public int[] Steps { get; } = steps;
}
