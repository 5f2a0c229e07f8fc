namespace AgentPlatform.Workflows.Definitions;

/// <summary>The dependency rule shared by the validator and the decider.</summary>
internal static class StepGraph
{
    /// <summary>For each step of a list, the indexes of the steps of the same list it waits for: its
    /// <c>depends_on</c> when given (unknown ids ignored), else the previous step (none for the first).</summary>
    public static int[][] Dependencies(IReadOnlyList<WorkflowStep> steps, IReadOnlyDictionary<string, int> indexById)
    {
        var result = new int[steps.Count][];
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i]?.DependsOn is { } explicitDependencies)
            {
                result[i] = explicitDependencies
                    .Select(d => indexById.TryGetValue(d ?? "", out var index) ? index : -1)
                    .Where(index => index >= 0 && index != i)
                    .Distinct()
                    .ToArray();
            }
            else
            {
                result[i] = i == 0 ? [] : [i - 1];
            }
        }

        return result;
    }
}
