using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client.Loop;

/// <summary>A task handed to the agent: a workflow <c>agent_task</c> step's attempt (the task JSON of docs/http-api.md "Tasks").</summary>
/// <param name="TaskId">The task id, <c>{instance}:{step}:{attempt}</c>; results are posted under it.</param>
/// <param name="StepId">The workflow step.</param>
/// <param name="Attempt">1 for the first attempt of the step.</param>
/// <param name="Input">The step's input, null when it has none.</param>
/// <param name="Deadline">When the attempt fails whatever the agent does; null when the step has no timeout.</param>
/// <param name="Delivery">The inbox delivery that carried the task.</param>
public sealed record AgentTask(string TaskId, string StepId, int Attempt, JsonNode? Input, DateTimeOffset? Deadline, Delivery Delivery);
