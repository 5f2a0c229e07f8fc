using System.Globalization;
using System.Text.Json;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.Api;

/// <summary>Validation of what an agent says about a task it holds (result, rejection); every problem names its field.</summary>
public static class TaskInput
{
    /// <summary>Reads a result object field by field, <c>{"output": any JSON}</c> or <c>{"error": "text"}</c>, exactly one
    /// (an explicit <c>"output": null</c> is a null output); null with <paramref name="errors"/> filled when invalid.</summary>
    /// <param name="body">The result object.</param>
    /// <param name="agentId">The agent posting it.</param>
    /// <param name="options">The size limits.</param>
    /// <param name="errors">Where the problems go.</param>
    /// <param name="ignoredField">A field the caller reads itself (a batch item's <c>task_id</c>), not refused here.</param>
    public static TaskAct? ReadResult(JsonElement body, string agentId, AgentTaskOptions options, List<FieldError> errors, string? ignoredField = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
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
                case var name when name == ignoredField:
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

        if (errors.Count > before)
        {
            return null;
        }

        return hasOutput ? new TaskAct(agentId, TaskActKind.Complete, output) : new TaskAct(agentId, TaskActKind.Fail, Error: error);
    }

    /// <summary>Checks the optional reason of a rejection.</summary>
    public static void ValidateRejectReason(string? reason, AgentTaskOptions options, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (reason is not null && (reason.Length == 0 || reason.Length > options.MaxErrorLength))
        {
            errors.Add(new FieldError("reason", string.Create(CultureInfo.InvariantCulture, $"must be 1-{options.MaxErrorLength} characters")));
        }
    }
}
