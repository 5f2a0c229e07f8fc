using System.Globalization;
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
    /// <summary>Reads the body field by field (an explicit <c>"output": null</c> is a null output); every problem names its field.</summary>
    public static (TaskAct? Act, ApiProblem? Problem) Read(JsonElement body, string agentId, AgentTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        JsonElement? output = null;
        string? error = null;
        var hasOutput = false;
        var hasError = false;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "output":
                    hasOutput = true;
                    var size = property.Value.GetRawText().Length;
                    if (size > options.MaxOutputBytes)
                    {
                        errors.Add(new FieldError("output", string.Create(CultureInfo.InvariantCulture, $"must be at most {options.MaxOutputBytes} bytes of JSON")));
                    }

                    output = property.Value.Clone();
                    break;
                case "error":
                    hasError = true;
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } text || text.Length > options.MaxErrorLength)
                    {
                        errors.Add(new FieldError("error", string.Create(CultureInfo.InvariantCulture, $"must be a string of 1-{options.MaxErrorLength} characters")));
                    }
                    else
                    {
                        error = text;
                    }

                    break;
                default:
                    errors.Add(new FieldError(property.Name, "is not a field of a task result (output or error)"));
                    break;
            }
        }

        if (hasOutput == hasError)
        {
            errors.Add(new FieldError("output", "set exactly one of output or error"));
        }

        if (errors.Count > 0)
        {
            return (null, Problems.Validation(errors));
        }

        return hasOutput
            ? (new TaskAct(agentId, TaskActKind.Complete, output), null)
            : (new TaskAct(agentId, TaskActKind.Fail, Error: error), null);
    }
}
