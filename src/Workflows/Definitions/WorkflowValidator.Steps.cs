using System.Globalization;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Per-step checks of <see cref="WorkflowValidator"/>.</summary>
public static partial class WorkflowValidator
{
    private sealed partial class ValidationContext
    {
        private void ValidateDependencies(WorkflowStep step, string path, Dictionary<string, int> sameList)
        {
            foreach (var dependency in step.DependsOn ?? [])
            {
                if (dependency == step.Id)
                {
                    AddStep(path, step, "depends_on", "a step cannot depend on itself");
                }
                else if (!sameList.ContainsKey(dependency ?? ""))
                {
                    AddStep(path, step, "depends_on", _stepPaths.ContainsKey(dependency ?? "")
                        ? $"step '{dependency}' is not in the same step list"
                        : $"unknown step '{dependency}'");
                }
            }
        }

        private void ValidateFailurePolicy(WorkflowStep step, string path, int index, Dictionary<string, int> sameList)
        {
            if (!FailurePolicy.TryParse(step.OnFailure, out var policy))
            {
                AddStep(path, step, "on_failure", $"'{step.OnFailure}' is not fail, continue or goto:<step>");
                return;
            }

            if (policy.Action != FailureAction.Goto)
            {
                return;
            }

            if (!sameList.TryGetValue(policy.Target!, out var targetIndex))
            {
                AddStep(path, step, "on_failure", _stepPaths.ContainsKey(policy.Target!)
                    ? $"goto target '{policy.Target}' is not in the same step list"
                    : $"goto target '{policy.Target}' is an unknown step");
            }
            else if (targetIndex <= index)
            {
                AddStep(path, step, "on_failure", $"goto target '{policy.Target}' must be listed after the step");
            }
        }

        private void ValidateAgentTask(AgentTaskStep task, string path)
        {
            var hasAgent = !string.IsNullOrWhiteSpace(task.Agent);
            var hasCapabilities = task.Capabilities is { Count: > 0 };
            if (hasAgent == hasCapabilities)
            {
                AddStep(path, task, "agent", "set exactly one of agent (an agent id) or capabilities");
            }
            else if (hasAgent && !WorkflowNames.IsValidAgentId(task.Agent))
            {
                AddStep(path, task, "agent", WorkflowNames.AgentIdRule);
            }

            foreach (var (name, weight) in task.Capabilities ?? new Dictionary<string, double>())
            {
                if (!(weight > 0))
                {
                    AddStep(path, task, $"capabilities.{name}", "weight must be > 0");
                }
            }

            if (task.MinConfidence is { } confidence && !(confidence is >= 0 and <= 1))
            {
                AddStep(path, task, "min_confidence", "must be between 0 and 1");
            }

            if (task.Input is { } input)
            {
                ValidateTemplate(input, $"{path}.input", task.Id, "input");
            }

            if (task.Priority is { } priority && priority is not ("high" or "normal" or "low"))
            {
                AddStep(path, task, "priority", "must be high, normal or low");
            }

            CheckDuration(task, path, "timeout", task.Timeout);
            if (task.Retry is { } retry)
            {
                if (retry.MaxAttempts < 1)
                {
                    AddStep(path, task, "retry.max_attempts", "must be >= 1");
                }

                if (!(retry.Multiplier >= 1))
                {
                    AddStep(path, task, "retry.multiplier", "must be >= 1");
                }

                CheckDuration(task, path, "retry.initial_backoff", retry.InitialBackoff);
                CheckDuration(task, path, "retry.max_backoff", retry.MaxBackoff);
            }
        }

        private void ValidateCondition(ConditionStep condition, string path)
        {
            if (string.IsNullOrWhiteSpace(condition.If))
            {
                AddStep(path, condition, "if", "is required");
                return;
            }

            try
            {
                CheckReferences(ConditionExpression.Parse(condition.If, _expressionLimits).References, $"{path}.if", condition.Id, "if");
            }
            catch (ExpressionException e)
            {
                AddStep(path, condition, "if", e.Message);
            }
        }

        private void ValidateParallel(ParallelStep parallel, string path)
        {
            var branches = parallel.Branches ?? [];
            if (branches.Count == 0)
            {
                AddStep(path, parallel, "branches", "must contain at least one branch");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var b = 0; b < branches.Count; b++)
            {
                var branch = branches[b];
                if (branch?.Steps is not { Count: > 0 })
                {
                    AddStep(path, parallel, $"branches[{b}].steps", "a branch must contain at least one step");
                }

                var name = branch?.Name ?? b.ToString(CultureInfo.InvariantCulture);
                if (!names.Add(name))
                {
                    AddStep(path, parallel, $"branches[{b}].name", $"duplicate branch name '{name}'");
                }
            }

            var join = parallel.Join ?? "all";
            if (!JoinModes.Contains(join))
            {
                AddStep(path, parallel, "join", $"'{join}' is not all, any or n");
            }
            else if (join == "n")
            {
                if (parallel.N is not { } n)
                {
                    AddStep(path, parallel, "n", "is required when join is n");
                }
                else if (n < 1)
                {
                    AddStep(path, parallel, "n", "must be >= 1");
                }
                else if (n > branches.Count)
                {
                    AddStep(path, parallel, "n", $"{n} is larger than the number of branches ({branches.Count})");
                }
            }
            else if (parallel.N is not null)
            {
                AddStep(path, parallel, "n", "is only allowed when join is n");
            }

            if (parallel.MaxConcurrency is < 1)
            {
                AddStep(path, parallel, "max_concurrency", "must be >= 1");
            }
        }

        private void ValidateWait(WaitStep wait, string path)
        {
            var modes = (wait.Duration is null ? 0 : 1) + (wait.Until is null ? 0 : 1) + (wait.Event is null ? 0 : 1);
            if (modes != 1)
            {
                AddStep(path, wait, "duration", "set exactly one of duration, until or event");
            }

            CheckDuration(wait, path, "duration", wait.Duration);
            if (wait.Until is { } until && !TryParseUntil(until, out _))
            {
                AddStep(path, wait, "until", $"'{until}' is not an ISO 8601 time with an offset (for example 2026-01-01T00:00:00Z)");
            }

            if (wait.Event is { } waitEvent)
            {
                if (string.IsNullOrWhiteSpace(waitEvent.Name))
                {
                    AddStep(path, wait, "event.name", "is required");
                }
                else if (!WorkflowNames.IsValidName(waitEvent.Name))
                {
                    AddStep(path, wait, "event.name", WorkflowNames.NameRule);
                }

                CheckDuration(wait, path, "event.timeout", waitEvent.Timeout);
                if (waitEvent.TimeoutOutput is not null && waitEvent.Timeout is null)
                {
                    AddStep(path, wait, "event.timeout_output", "needs event.timeout: it is the outcome when the timeout passes");
                }

                if (waitEvent.Approvers is { } approvers)
                {
                    if (approvers.Count is 0 or > WaitApprovers.MaxApprovers)
                    {
                        AddStep(path, wait, "event.approvers", $"must list 1-{WaitApprovers.MaxApprovers} approvers");
                    }

                    for (var i = 0; i < approvers.Count; i++)
                    {
                        if (!WaitApprovers.IsApprover(approvers[i]))
                        {
                            AddStep(path, wait, $"event.approvers[{i}]", WaitApprovers.Rule);
                        }
                    }
                }
            }
        }

        /// <summary>Reports each dependency cycle once, at the step where the depth-first walk closes it. The walk keeps
        /// its own stack, so a chain of 10,000 dependent steps costs no call-stack depth.</summary>
        private void DetectCycles(IReadOnlyList<WorkflowStep> steps, string listPath, Dictionary<string, int> indexById)
        {
            var dependencies = StepGraph.Dependencies(steps, indexById);
            var state = new int[steps.Count];
            var path = new List<int>();
            var next = new Stack<int>();
            var reported = new HashSet<int>();
            for (var root = 0; root < steps.Count; root++)
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
                    if (edge == dependencies[node].Length)
                    {
                        state[node] = 2;
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }

                    next.Push(edge + 1);
                    var dependency = dependencies[node][edge];
                    if (state[dependency] == 1)
                    {
                        ReportCycle(steps, listPath, path, dependency, reported);
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

        private void ReportCycle(IReadOnlyList<WorkflowStep> steps, string listPath, List<int> path, int node, HashSet<int> reported)
        {
            if (!reported.Add(node))
            {
                return;
            }

            var cycle = path.Skip(path.IndexOf(node)).Append(node).Select(n => steps[n]?.Id ?? $"#{n}").ToList();
            AddStep(StepPath(listPath, steps[node], node), steps[node], "depends_on", $"dependency cycle: {string.Join(" -> ", cycle)}");
        }
    }

    internal static bool TryParseUntil(string text, out DateTimeOffset until) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out until)
        && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal));
}
