namespace AgentPlatform.Workflows.Definitions;

/// <summary>Wire names of the step kinds (the <c>kind</c> field).</summary>
public static class StepKinds
{
    /// <summary>Runs a task on an agent.</summary>
    public const string AgentTask = "agent_task";

    /// <summary>Chooses between two step lists.</summary>
    public const string Condition = "condition";

    /// <summary>Runs branches concurrently and joins them.</summary>
    public const string Parallel = "parallel";

    /// <summary>Runs a plan produced at run time as a graph of agent tasks.</summary>
    public const string Plan = "plan";

    /// <summary>Waits for a duration, a time or an external event.</summary>
    public const string Wait = "wait";

    /// <summary>Runs another definition as a child workflow.</summary>
    public const string Workflow = "workflow";

    /// <summary>All kinds, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [AgentTask, Condition, Parallel, Plan, Wait, Workflow];
}
