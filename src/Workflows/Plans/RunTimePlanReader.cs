using System.Globalization;
using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Plans;

/// <summary>Reads one run-time plan, collecting every problem instead of stopping at the first.</summary>
internal sealed class RunTimePlanReader(int maxTasks)
{
    private static readonly HashSet<string> TaskFields = ["id", "agent", "capabilities", "role", "agents", "workflow", "version", "input", "depends_on", "description"];

    public List<string> Problems { get; } = [];

    public List<PlanTask> Read(JsonElement? plan)
    {
        if (plan is not { ValueKind: JsonValueKind.Object } root)
        {
            Problems.Add($"the plan must be an object with tasks, not {Describe(plan)}");
            return [];
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "tasks")
            {
                Problems.Add($"{property.Name}: unknown field (a plan has only tasks)");
            }
        }

        if (!root.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            Problems.Add("tasks: is required and must be an array");
            return [];
        }

        var count = tasks.GetArrayLength();
        if (count == 0)
        {
            Problems.Add("tasks: the plan is empty; it needs at least one task");
            return [];
        }

        if (count > maxTasks)
        {
            Problems.Add(string.Create(CultureInfo.InvariantCulture, $"tasks: has {count} tasks, more than the limit MaxPlanTasks ({maxTasks})"));
            return [];
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            if (task.ValueKind == JsonValueKind.Object && task.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && !ids.TryAdd(id.GetString()!, index))
            {
                Problems.Add($"{Path(index)}.id: duplicate task id '{id.GetString()}' (also tasks[{ids[id.GetString()!]}])");
            }

            index++;
        }

        var result = new List<PlanTask>(count);
        index = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            result.Add(ReadTask(task, index, ids));
            index++;
        }

        DetectCycles(result);
        return result;
    }

    /// <summary>Reads one task; a task with problems still takes its place (named by position) so that dependency
    /// indexes stay aligned and cycles are reported along with everything else.</summary>
    private PlanTask ReadTask(JsonElement task, int index, Dictionary<string, int> ids)
    {
        var path = Path(index);
        if (task.ValueKind != JsonValueKind.Object)
        {
            Problems.Add($"{path}: a task must be an object, not {Describe(task)}");
            return new PlanTask(path, null, null, null, []);
        }

        foreach (var property in task.EnumerateObject())
        {
            if (!TaskFields.Contains(property.Name))
            {
                Problems.Add($"{path}.{property.Name}: unknown field (expected {string.Join(", ", TaskFields)})");
            }
        }

        var id = ReadId(task, path);
        var workflow = ReadWorkflow(task, path);
        var agent = workflow is null ? ReadAgent(task, path, out var capabilities) : NoAgent(task, path, out capabilities);
        var role = ReadRole(task, path, workflow is not null);
        var agents = ReadAgents(task, path, workflow is not null);
        if (agent is not null && agents is not null && !agents.Contains(agent, StringComparer.Ordinal))
        {
            Problems.Add($"{path}.agent: must be one of the agents of the task's candidate set (agents)");
        }

        var version = ReadVersion(task, path, workflow is not null);
        var dependencies = ReadDependencies(task, path, id, ids);
        JsonElement? input = task.TryGetProperty("input", out var inputValue) ? inputValue.Clone() : null;
        if (input is { } template)
        {
            CheckInput(template, path, dependencies.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
        }

        return new PlanTask(id ?? path, agent, capabilities, input, [.. dependencies.Select(d => d.Index)], workflow, role, version, agents);
    }

    /// <summary>The team role a task's agent must have, or null when the task names none.</summary>
    private string? ReadRole(JsonElement task, string path, bool runsWorkflow)
    {
        if (!task.TryGetProperty("role", out var role))
        {
            return null;
        }

        var text = role.ValueKind == JsonValueKind.String ? role.GetString() : null;
        if (runsWorkflow)
        {
            Problems.Add($"{path}.role: applies to agent tasks only, not to a workflow task");
        }
        else if (!AgentRoleNames.IsRole(text))
        {
            Problems.Add($"{path}.role: {AgentRoleNames.Rule}");
        }

        return text;
    }

    /// <summary>The task's candidate set, or null when the task names none (or names an invalid one, which is a problem).</summary>
    private IReadOnlyList<string>? ReadAgents(JsonElement task, string path, bool runsWorkflow)
    {
        if (!task.TryGetProperty("agents", out var agents))
        {
            return null;
        }

        if (runsWorkflow)
        {
            Problems.Add($"{path}.agents: applies to agent tasks only, not to a workflow task");
            return null;
        }

        var count = Problems.Count;
        foreach (var (field, message) in AgentCandidates.Problems(agents))
        {
            Problems.Add($"{path}.{field}: {message}");
        }

        return Problems.Count == count ? AgentCandidates.Literal(agents) : null;
    }

    /// <summary>The definition version a workflow task's child runs, or null when the task names none (the latest then).</summary>
    private int? ReadVersion(JsonElement task, string path, bool runsWorkflow)
    {
        if (!task.TryGetProperty("version", out var version))
        {
            return null;
        }

        if (!runsWorkflow)
        {
            Problems.Add($"{path}.version: applies to workflow tasks only (it is the version of the definition named by workflow)");
            return null;
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
        {
            Problems.Add($"{path}.version: must be a whole number of at least 1");
            return null;
        }

        return number;
    }

    /// <summary>The definition id of a task that runs as a child workflow, or null when the task names no <c>workflow</c>.</summary>
    private string? ReadWorkflow(JsonElement task, string path)
    {
        if (!task.TryGetProperty("workflow", out var workflow))
        {
            return null;
        }

        var definition = workflow.ValueKind == JsonValueKind.String ? workflow.GetString() : null;
        if (!WorkflowNames.IsValidName(definition))
        {
            Problems.Add($"{path}.workflow: must be a definition id that {WorkflowNames.NameRule}");
            return "";
        }

        return definition;
    }

    /// <summary>A <c>workflow</c> task names no agent.</summary>
    private string? NoAgent(JsonElement task, string path, out Dictionary<string, double>? capabilities)
    {
        capabilities = null;
        if (task.TryGetProperty("agent", out _) || task.TryGetProperty("capabilities", out _))
        {
            Problems.Add($"{path}.workflow: set exactly one of agent, capabilities or workflow");
        }

        return null;
    }

    private string? ReadId(JsonElement task, string path)
    {
        if (!task.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            Problems.Add($"{path}.id: is required and must be a string");
            return null;
        }

        var text = id.GetString()!;
        if (!WorkflowNames.IsValidStepId(text))
        {
            Problems.Add($"{path}.id: '{text}' {WorkflowNames.StepIdRule}");
            return null;
        }

        return text;
    }

    private string? ReadAgent(JsonElement task, string path, out Dictionary<string, double>? capabilities)
    {
        capabilities = null;
        var hasAgent = task.TryGetProperty("agent", out var agent);
        var hasCapabilities = task.TryGetProperty("capabilities", out var wanted);
        if (hasAgent == hasCapabilities)
        {
            Problems.Add($"{path}.agent: set exactly one of agent (an agent id), capabilities or workflow (a definition id)");
            return null;
        }

        if (hasAgent)
        {
            var id = agent.ValueKind == JsonValueKind.String ? agent.GetString() : null;
            if (!WorkflowNames.IsValidAgentId(id))
            {
                Problems.Add($"{path}.agent: {WorkflowNames.AgentIdRule}");
            }

            return id;
        }

        if (wanted.ValueKind != JsonValueKind.Object || !wanted.EnumerateObject().Any())
        {
            Problems.Add($"{path}.capabilities: must be a non-empty object of capability name to weight");
            return null;
        }

        capabilities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var capability in wanted.EnumerateObject())
        {
            if (capability.Value.ValueKind != JsonValueKind.Number || !(capability.Value.GetDouble() > 0))
            {
                Problems.Add($"{path}.capabilities.{capability.Name}: weight must be a number > 0");
                continue;
            }

            capabilities[capability.Name] = capability.Value.GetDouble();
        }

        return null;
    }

    private List<(string Id, int Index)> ReadDependencies(JsonElement task, string path, string? id, Dictionary<string, int> ids)
    {
        var result = new List<(string, int)>();
        if (!task.TryGetProperty("depends_on", out var dependsOn))
        {
            return result;
        }

        if (dependsOn.ValueKind != JsonValueKind.Array)
        {
            Problems.Add($"{path}.depends_on: must be an array of task ids");
            return result;
        }

        foreach (var dependency in dependsOn.EnumerateArray())
        {
            var name = dependency.ValueKind == JsonValueKind.String ? dependency.GetString()! : null;
            if (name is null)
            {
                Problems.Add($"{path}.depends_on: {Describe(dependency)} is not a task id");
            }
            else if (name == id)
            {
                Problems.Add($"{path}.depends_on: a task cannot depend on itself");
            }
            else if (!ids.TryGetValue(name, out var index))
            {
                Problems.Add($"{path}.depends_on: unknown task '{name}'");
            }
            else if (!result.Contains((name, index)))
            {
                result.Add((name, index));
            }
        }

        return result;
    }

    private void CheckInput(JsonElement input, string path, HashSet<string> dependencies)
    {
        try
        {
            foreach (var reference in ValueTemplate.Compile(input).References)
            {
                if (reference.Root == ReferenceRoot.Task && !dependencies.Contains(reference.StepId!))
                {
                    Problems.Add($"{path}.input: '{reference.Text}' references task '{reference.StepId}', which is not in depends_on");
                }
                else if (reference.Root is ReferenceRoot.Item or ReferenceRoot.ItemIndex)
                {
                    Problems.Add($"{path}.input: '{reference.Text}' is only defined inside the steps of a for_each");
                }
            }
        }
        catch (ExpressionException e)
        {
            Problems.Add($"{path}.input: {e.Message}");
        }
    }

    /// <summary>Reports every dependency cycle the walk closes, at the task it closes at.</summary>
    private void DetectCycles(List<PlanTask> tasks)
    {
        foreach (var cycle in StepGraph.Cycles([.. tasks.Select(t => t.DependsOn)]))
        {
            Problems.Add($"{Path(cycle[0])}.depends_on: dependency cycle: {string.Join(" -> ", cycle.Select(t => tasks[t].Id))}");
        }
    }

    private static string Path(int index) => string.Create(CultureInfo.InvariantCulture, $"tasks[{index}]");

    internal static string Describe(JsonElement? value) => value switch
    {
        null => "missing",
        { ValueKind: JsonValueKind.Array } => "an array",
        { ValueKind: JsonValueKind.Object } => "an object",
        { ValueKind: JsonValueKind.String } => "a string",
        { ValueKind: JsonValueKind.Number } => "a number",
        { ValueKind: JsonValueKind.True or JsonValueKind.False } => "a boolean",
        _ => "null",
    };
}
