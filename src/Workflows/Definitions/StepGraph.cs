namespace AgentPlatform.Workflows.Definitions;

/// <summary>The dependency rule shared by the validator and the decider, and the cycle walk shared by the validator and the
/// run-time plan reader.</summary>
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

    /// <summary>Every dependency cycle a depth-first walk closes, as the node indexes from the node it closes at round to that
    /// node again. The walk keeps its own stack, so a chain of 10,000 dependent nodes costs no call-stack depth.</summary>
    public static IEnumerable<IReadOnlyList<int>> Cycles(IReadOnlyList<IReadOnlyList<int>> dependencies)
    {
        var state = new int[dependencies.Count];
        var path = new List<int>();
        var next = new Stack<int>();
        for (var root = 0; root < dependencies.Count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            path.Add(root);
            next.Push(0);
            while (path.Count > 0)
            {
                var node = path[^1];
                var edge = next.Pop();
                if (edge == dependencies[node].Count)
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                next.Push(edge + 1);
                var dependency = dependencies[node][edge];
                if (state[dependency] == 1)
                {
                    yield return [.. path.Skip(path.IndexOf(dependency)), dependency];
                }
                else if (state[dependency] == 0)
                {
                    state[dependency] = 1;
                    path.Add(dependency);
                    next.Push(0);
                }
            }
        }
    }
}
