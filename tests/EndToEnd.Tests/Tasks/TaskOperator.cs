using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>The operator's side of task tests: a host whose workflow steps go to registered agents, definitions, instances and
/// their histories over real HTTP.</summary>
internal sealed class TaskOperator : IDisposable
{
    public const string Token = "tasks-operator-token";

    private readonly HttpClient _client;

    private TaskOperator(HostProcess host)
    {
        Host = host;
        _client = host.CreateClient();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public HostProcess Host { get; }

    public HttpClient Client => _client;

    /// <summary>Short leases and liveness checks, so a killed agent's task moves within seconds.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Api__OperatorToken"] = Token,
        ["Api__RateLimit__PermitsPerSecond"] = "1000",
        ["Api__RateLimit__Burst"] = "1000",
        ["Tasks__LeaseDuration"] = "00:00:04",
        ["Tasks__OfflineCheckInterval"] = "00:00:01",
        ["Tasks__MatchBackoff"] = "00:00:00.100",
        ["Tasks__MaxMatchBackoff"] = "00:00:01",
    };

    public static TaskOperator For(HostProcess host) => new(host);

    public async Task RegisterDefinitionAsync(string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        using var response = await _client.PostAsync(new Uri("api/v1/workflows/definitions", UriKind.Relative), content, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task StartAsync(string definitionId, string instanceId, object input, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(
            new Uri("api/v1/workflows/instances", UriKind.Relative), new { definition_id = definitionId, instance_id = instanceId, input }, cancellationToken);
        await ApiAgent.ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Waits (by long-poll, up to 30 s per call) until the instance finished, and returns its state.</summary>
    public async Task<JsonObject> WaitAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await _client.GetAsync(new Uri($"api/v1/workflows/instances/{instanceId}?wait=30", UriKind.Relative), cancellationToken);
            var state = await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
            if (state["status"]!.GetValue<string>() is not ("running" or "pending"))
            {
                return state;
            }
        }
    }

    public async Task<JsonArray> HistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(new Uri($"api/v1/workflows/instances/{instanceId}/history", UriKind.Relative), cancellationToken);
        return (await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken))["events"]!.AsArray();
    }

    public async Task TerminateAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync(
            new Uri($"api/v1/workflows/instances/{instanceId}/terminate", UriKind.Relative), new { reason = "operator stop" }, cancellationToken);
        await ApiAgent.ReadJsonAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Every scheduled task id of the history with the one result event recorded for it (null when none).</summary>
    public static Dictionary<string, List<JsonObject>> ResultsByTask(JsonArray history)
    {
        var results = history.Where(e => e!["type"]!.GetValue<string>() == "task_scheduled")
            .ToDictionary(e => e!["task_id"]!.GetValue<string>(), _ => new List<JsonObject>());
        foreach (var e in history.Select(e => e!.AsObject()).Where(e => e["type"]!.GetValue<string>() is "task_completed" or "task_failed"))
        {
            results[e["task_id"]!.GetValue<string>()].Add(e);
        }

        return results;
    }

    public void Dispose() => _client.Dispose();
}
