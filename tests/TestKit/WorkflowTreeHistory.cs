using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace AgentPlatform.TestKit;

/// <summary>The histories of a workflow instance and of every child instance below it, read over HTTP
/// (<c>GET /api/v1/workflows/instances/{id}/history</c>). Children are found through the instance ids the histories name
/// (<c>task_scheduled.workflow.instance_id</c>), so a reader needs no knowledge of how a definition lays out its children.</summary>
public sealed class WorkflowTreeHistory
{
    private WorkflowTreeHistory(IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> histories) => Histories = histories;

    /// <summary>Each instance's events, by instance id; the root first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Histories { get; }

    /// <summary>Every event of every instance.</summary>
    public IEnumerable<JsonObject> Events => Histories.Values.SelectMany(h => h);

    /// <summary>Reads the history of <paramref name="root"/> and, recursively, of every child it names.</summary>
    /// <param name="client">A client whose base address is the host.</param>
    /// <param name="operatorToken">The operator's bearer token.</param>
    /// <param name="root">The top instance id.</param>
    /// <param name="cancellationToken">Bounds the reads.</param>
    public static async Task<WorkflowTreeHistory> ReadAsync(HttpClient client, string operatorToken, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var histories = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        var pending = new Queue<string>([root]);
        while (pending.TryDequeue(out var instance))
        {
            if (histories.ContainsKey(instance))
            {
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/workflows/instances/{Uri.EscapeDataString(instance)}/history", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"history of {instance}: {(int)response.StatusCode} {text}");
            var events = JsonNode.Parse(text)!["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
            histories[instance] = events;
            foreach (var child in events.Select(e => e["workflow"]?["instance_id"]?.GetValue<string>()).OfType<string>())
            {
                pending.Enqueue(child);
            }
        }

        return new WorkflowTreeHistory(histories);
    }

    /// <summary>The <c>task_scheduled</c> events whose input is an object with <paramref name="inputKey"/>, by task id (a task
    /// scheduled again after a restart keeps its id, so it appears once).</summary>
    public Dictionary<string, JsonObject> ScheduledWithInput(string inputKey)
    {
        var scheduled = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var e in Events.Where(e => e["type"]!.GetValue<string>() == "task_scheduled" && e["input"] is JsonObject input && input.ContainsKey(inputKey)))
        {
            scheduled[e["task_id"]!.GetValue<string>()] = e;
        }

        return scheduled;
    }

    /// <summary>The events of <paramref name="type"/> (<c>task_completed</c>, ...) about the tasks in <paramref name="taskIds"/>.</summary>
    public IEnumerable<JsonObject> EventsOf(string type, IReadOnlyDictionary<string, JsonObject> taskIds) =>
        Events.Where(e => e["type"]!.GetValue<string>() == type && e["task_id"]?.GetValue<string>() is { } id && taskIds.ContainsKey(id));
}
