using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Dispatch;

namespace AgentPlatform.AgentHost.Tasks;

/// <summary>The body of several task results at once: <c>{"results": [{"task_id": "...", "output": any JSON} or
/// {"task_id": "...", "error": "..."}, ...]}</c>, 1 to <see cref="MaxResults"/> of them, each task once.</summary>
/// <param name="Results">The results.</param>
public sealed record TaskResultsBody([property: JsonPropertyName("results")] IReadOnlyList<TaskResultsBody.Item> Results)
{
    /// <summary>The most results one request may carry, as many as one inbox read returns.</summary>
    public const int MaxResults = 100;

    /// <summary>Reads every result; when any is invalid, none is taken and every problem names its field
    /// (<c>results[2].task_id</c>, <c>results[0].output</c>).</summary>
    public static (IReadOnlyList<(string TaskId, TaskAct Act)>? Results, ApiProblem? Problem) Read(JsonElement body, string agentId, AgentTaskOptions options)
    {
        var errors = new List<FieldError>();
        if (!body.TryGetProperty("results", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("results", "must be an array of task results"));
        }
        else if (list.GetArrayLength() is < 1 or > MaxResults)
        {
            errors.Add(new FieldError("results", string.Create(CultureInfo.InvariantCulture, $"must hold 1-{MaxResults} task results")));
        }

        foreach (var property in body.EnumerateObject().Where(p => p.Name != "results"))
        {
            errors.Add(new FieldError(property.Name, "is not a field of task results (results)"));
        }

        if (errors.Count > 0)
        {
            return (null, Problems.Validation(errors));
        }

        var results = new List<(string TaskId, TaskAct Act)>(list.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"results[{index++}]");
            if (ReadOne(item, path, agentId, options, errors) is { } result)
            {
                if (seen.Add(result.TaskId))
                {
                    results.Add(result);
                }
                else
                {
                    errors.Add(new FieldError(path + ".task_id", "names a task that an earlier result of this request already names"));
                }
            }
        }

        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (results, null);
    }

    /// <summary>One result: the task, and exactly one of its output or an error.</summary>
    /// <param name="TaskId">The task id.</param>
    /// <param name="Output">The task's output.</param>
    /// <param name="Error">What went wrong.</param>
    public sealed record Item(
        [property: JsonPropertyName("task_id")] string TaskId,
        [property: JsonPropertyName("output")] JsonElement? Output = null,
        [property: JsonPropertyName("error")] string? Error = null);

    private static (string TaskId, TaskAct Act)? ReadOne(JsonElement item, string path, string agentId, AgentTaskOptions options, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "must be an object with task_id and output or error"));
            return null;
        }

        string? taskId = null;
        if (!item.TryGetProperty("task_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } text)
        {
            errors.Add(new FieldError(path + ".task_id", "must be a task id"));
        }
        else
        {
            taskId = text;
        }

        // The rest is a single result's body, read by the same rules; its problems are named under this item.
        var resultErrors = new List<FieldError>();
        var act = TaskInput.ReadResult(item, agentId, options, resultErrors, ignoredField: "task_id");
        errors.AddRange(resultErrors.Select(e => e with { Field = $"{path}.{e.Field}" }));
        return taskId is not null && act is not null ? (taskId, act) : null;
    }
}
