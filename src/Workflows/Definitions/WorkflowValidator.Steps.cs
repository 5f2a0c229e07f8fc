using System.Globalization;
using System.Text.Json;
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

            CheckRole(task, path, task.Role);
            if (CheckAgents(task, path, task.Agents) && hasAgent
                && AgentCandidates.Literal(task.Agents) is { } set && !set.Contains(task.Agent, StringComparer.Ordinal))
            {
                AddStep(path, task, "agent", "must be one of the agents of the step's candidate set (agents)");
            }

            if (task.Input is { } input)
            {
                ValidateTemplate(input, $"{path}.input", task.Id, "input");
            }

            ValidateChunking(task, path);
            ValidateTaskOptions(task, path, task.Priority, task.Timeout, task.Retry);
        }

        private void CheckRole(WorkflowStep step, string path, string? role)
        {
            if (role is not null && !AgentRoleNames.IsRole(role))
            {
                AddStep(path, step, "role", $"'{role}' {AgentRoleNames.Rule}");
            }
        }

        /// <summary>Checks a candidate set: a literal array of agent ids, or one <c>${...}</c> reference; false when it has a problem.</summary>
        private bool CheckAgents(WorkflowStep step, string path, JsonElement? agents)
        {
            if (agents is not { } value)
            {
                return true;
            }

            var before = Problems.Count;
            if (value.ValueKind == JsonValueKind.String)
            {
                ValidateWholeReference(step, path, "agents", value.GetString());
                return Problems.Count == before;
            }

            foreach (var (field, message) in AgentCandidates.Problems(value))
            {
                AddStep(path, step, field, field == "agents" ? message + ", or one ${...} reference to such an array" : message);
            }

            return Problems.Count == before;
        }

        /// <summary>Checks the options agent tasks and plan tasks share: priority, timeout and retry policy.</summary>
        private void ValidateTaskOptions(WorkflowStep step, string path, string? priority, string? timeout, RetryPolicy? retry)
        {
            if (priority is not (null or "high" or "normal" or "low"))
            {
                AddStep(path, step, "priority", "must be high, normal or low");
            }

            CheckDuration(step, path, "timeout", timeout);
            if (retry is null)
            {
                return;
            }

            if (retry.MaxAttempts < 1)
            {
                AddStep(path, step, "retry.max_attempts", "must be >= 1");
            }

            if (!(retry.Multiplier >= 1))
            {
                AddStep(path, step, "retry.multiplier", "must be >= 1");
            }

            CheckDuration(step, path, "retry.initial_backoff", retry.InitialBackoff);
            CheckDuration(step, path, "retry.max_backoff", retry.MaxBackoff);
        }

        private void ValidateChildWorkflow(ChildWorkflowStep child, string path)
        {
            if (string.IsNullOrWhiteSpace(child.Definition))
            {
                AddStep(path, child, "definition", "is required (the id of a registered definition)");
            }
            else if (!WorkflowNames.IsValidName(child.Definition))
            {
                AddStep(path, child, "definition", WorkflowNames.NameRule);
            }

            if (child.Version is < 1)
            {
                AddStep(path, child, "version", "must be >= 1");
            }

            if (child.Input is { } input)
            {
                ValidateTemplate(input, $"{path}.input", child.Id, "input");
            }

            ValidateTaskOptions(child, path, null, child.Timeout, child.Retry);
            if (child.Retry?.Reassign is not null)
            {
                AddStep(path, child, "retry.reassign", "applies to agent tasks only: every attempt of a workflow step starts a fresh child");
            }
        }

        private void ValidatePlan(RunPlanStep plan, string path)
        {
            ValidateWholeReference(plan, path, "plan", plan.Plan);
            if (plan.MaxConcurrency is < 1)
            {
                AddStep(path, plan, "max_concurrency", "must be >= 1");
            }

            if (plan.MinConfidence is { } confidence && !(confidence is >= 0 and <= 1))
            {
                AddStep(path, plan, "min_confidence", "must be between 0 and 1");
            }

            CheckRole(plan, path, plan.Role);
            CheckAgents(plan, path, plan.Agents);
            ValidateTaskOptions(plan, path, plan.Priority, plan.Timeout, plan.Retry);
        }

        /// <summary>Checks a field that must be exactly one <c>${reference}</c>.</summary>
        private void ValidateWholeReference(WorkflowStep step, string path, string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                AddStep(path, step, field, "is required");
                return;
            }

            var trimmed = text.Trim();
            if (!trimmed.StartsWith("${", StringComparison.Ordinal) || !trimmed.EndsWith('}') || trimmed.IndexOf('}', StringComparison.Ordinal) != trimmed.Length - 1)
            {
                AddStep(path, step, field, $"'{text}' must be exactly one reference such as ${{steps.split.output.items}}");
                return;
            }

            try
            {
                CheckReferences([Reference.Parse(trimmed[2..^1], _expressionLimits)], $"{path}.{field}", step.Id, field);
            }
            catch (ExpressionException e)
            {
                AddStep(path, step, field, e.Message);
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
            if (parallel.ForEach is not null)
            {
                ValidateForEach(parallel, path, branches.Count);
                return;
            }

            if (parallel.Steps is not null)
            {
                AddStep(path, parallel, "steps", "is the branch template of for_each; set for_each, or use branches");
            }

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

        private void ValidateForEach(ParallelStep parallel, string path, int branchCount)
        {
            ValidateWholeReference(parallel, path, "for_each", parallel.ForEach);
            if (branchCount > 0)
            {
                AddStep(path, parallel, "branches", "cannot be combined with for_each (the branches are the copies of steps)");
            }

            if (parallel.Steps is not { Count: > 0 })
            {
                AddStep(path, parallel, "steps", "for_each needs a branch template: at least one step");
            }

            if (parallel.Join is not (null or "all") || parallel.N is not null)
            {
                AddStep(path, parallel, "join", "for_each waits for every item; join must be all");
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

        /// <summary>Reports each dependency cycle once, at the step where the depth-first walk closes it.</summary>
        private void DetectCycles(IReadOnlyList<WorkflowStep> steps, string listPath, Dictionary<string, int> indexById)
        {
            var reported = new HashSet<int>();
            foreach (var cycle in StepGraph.Cycles(StepGraph.Dependencies(steps, indexById)))
            {
                var node = cycle[0];
                if (reported.Add(node))
                {
                    var names = cycle.Select(n => steps[n]?.Id ?? $"#{n}");
                    AddStep(StepPath(listPath, steps[node], node), steps[node], "depends_on", $"dependency cycle: {string.Join(" -> ", names)}");
                }
            }
        }
    }

    internal static bool TryParseUntil(string text, out DateTimeOffset until) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out until)
        && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal));
}
