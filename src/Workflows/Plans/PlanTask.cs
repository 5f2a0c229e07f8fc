using System.Text.Json;

namespace AgentPlatform.Workflows.Plans;

/// <summary>One task of a valid run-time plan.</summary>
/// <param name="Id">The task id, unique in the plan; the key of its output in the plan step's output.</param>
/// <param name="Agent">The explicit agent id, or null when <paramref name="Capabilities"/> select the agent.</param>
/// <param name="Capabilities">Required capabilities, name to weight, or null when <paramref name="Agent"/> is set.</param>
/// <param name="Input">The task input; its strings may reference <c>${tasks.&lt;dependency&gt;.output}</c>.</param>
/// <param name="DependsOn">Indexes (in the plan) of the tasks that must complete first.</param>
/// <param name="Workflow">The definition id of a task that runs as a child workflow (then neither agent nor capabilities), or null.</param>
/// <param name="Role">The team role its agent must have (agent tasks only), or null for the plan step's.</param>
/// <param name="Version">The version of <paramref name="Workflow"/> the child runs, or null for the latest registered when it starts.</param>
/// <param name="Agents">The task's candidate set (agent tasks only), narrowing the plan step's; null when it names none.</param>
public sealed record PlanTask(
    string Id, string? Agent, IReadOnlyDictionary<string, double>? Capabilities, JsonElement? Input, IReadOnlyList<int> DependsOn, string? Workflow = null,
    string? Role = null, int? Version = null, IReadOnlyList<string>? Agents = null);
