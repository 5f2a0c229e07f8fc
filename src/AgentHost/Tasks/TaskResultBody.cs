using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The body of a task result: <c>{"output": any JSON}</c> or <c>{"error": "what went wrong"}</c>, exactly one.</summary>
public sealed record TaskResultBody(
    [property: JsonPropertyName("output")] JsonElement? Output = null,
    [property: JsonPropertyName("error")] string? Error = null)
{
    /// <summary>Reads the body field by field (see <see cref="TaskInput.ReadResult"/>); every problem names its field.</summary>
    public static (TaskAct? Act, ApiProblem? Problem) Read(JsonElement body, string agentId, AgentTaskOptions options)
    {
        var errors = new List<FieldError>();
        return TaskInput.ReadResult(body, agentId, options, errors) is { } act ? (act, null) : (null, Problems.Validation(errors));
    }
}
