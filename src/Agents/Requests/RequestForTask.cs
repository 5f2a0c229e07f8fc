using System.Text.Json.Serialization;

namespace AgentPlatform.Agents.Requests;

/// <summary>The workflow task a request is made for, when an agent asks while working on one: an LLM agent that answers charges its
/// calls to that task's run, so the run's budget is checked before each of them and covers what they spend.</summary>
/// <param name="RunId">The run (workflow instance) whose budget pays.</param>
/// <param name="TaskId">The task attempt the asking agent works on.</param>
public sealed record RequestForTask(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("task_id")] string TaskId);
