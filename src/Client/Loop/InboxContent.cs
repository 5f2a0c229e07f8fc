using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client.Loop;

/// <summary>Reads the JSON content of the platform's task, task_cancelled and request deliveries.</summary>
internal static class InboxContent
{
    public const string TaskType = "task";
    public const string TaskCancelledType = "task_cancelled";

    /// <summary>The <c>type</c>, <c>task_id</c> and parsed content of a task-kind delivery, or null when the content is not a
    /// task message; <see cref="Task"/> reads the rest from the same content.</summary>
    public static (string Type, string TaskId, JsonObject Content)? TaskHeader(Delivery delivery)
    {
        var content = Parse(delivery);
        return content?["type"]?.GetValue<string>() is { } type && content["task_id"]?.GetValue<string>() is { } taskId
            ? (type, taskId, content)
            : null;
    }

    public static AgentTask Task(string taskId, JsonObject content, Delivery delivery) =>
        new(
            taskId,
            content["step_id"]?.GetValue<string>() ?? string.Empty,
            content["attempt"]?.GetValue<int>() ?? 1,
            content["input"]?.DeepClone(),
            Time(content["deadline"]),
            delivery);

    public static AgentRequest? Request(Delivery delivery)
    {
        var content = Parse(delivery);
        return content?["request_id"]?.GetValue<string>() is { } requestId
            ? new AgentRequest(
                requestId, delivery.Message.SenderId, content["content"]?.GetValue<string>() ?? string.Empty,
                Time(content["expires_at"]) ?? DateTimeOffset.MaxValue, delivery)
            : null;
    }

    private static JsonObject? Parse(Delivery delivery)
    {
        try
        {
            return JsonNode.Parse(delivery.Message.Content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}
