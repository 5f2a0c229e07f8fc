using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AgentPlatform.TestKit;

/// <summary>An external agent living in the test (or bench) process: registered over HTTP with a role and capabilities, it
/// heartbeats itself and the tasks it is working on, long-polls its inbox and answers every task with <c>answer</c>. It rides out
/// a host that is killed and started again on the same port: failed calls are retried until the host answers, so a result
/// computed while the host was down is posted once it is back, and the host's restart grace keeps the agent online and its tasks
/// held until its heartbeats get through again. A task handed over again while it is being answered (as the host does after a
/// restart) is answered once.</summary>
public sealed class HttpTaskAgent : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    /// <summary>The heartbeat interval an agent declares unless told otherwise, the host's default.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);

    // An agent beats three times per declared interval, at most a second apart, so one late beat never reads as a missed one.
    private static readonly TimeSpan MaxBeatPause = TimeSpan.FromSeconds(1);

    private readonly HttpClient _client;
    private readonly Func<JsonNode?, CancellationToken, Task<JsonNode?>> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly List<string> _received = [];
    private readonly ConcurrentDictionary<string, byte> _working = new(StringComparer.Ordinal);
    private readonly TimeSpan _beatPause;
    private Task _inboxLoop = Task.CompletedTask;
    private Task _heartbeatLoop = Task.CompletedTask;

    private HttpTaskAgent(HttpClient client, string id, Func<JsonNode?, CancellationToken, Task<JsonNode?>> answer, TimeSpan heartbeatInterval)
    {
        _client = client;
        Id = id;
        _answer = answer;
        _beatPause = heartbeatInterval / 3 < MaxBeatPause ? heartbeatInterval / 3 : MaxBeatPause;
    }

    /// <summary>The agent id the host gave at registration.</summary>
    public string Id { get; }

    /// <summary>The task ids delivered so far, in order of receipt, a redelivered task once per delivery.</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_waiters)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Registers the agent with <paramref name="role"/> (or none) and <paramref name="capabilities"/>, then starts
    /// answering its tasks.</summary>
    /// <param name="baseAddress">The host, e.g. <c>http://127.0.0.1:41234/</c>.</param>
    /// <param name="name">The agent's name.</param>
    /// <param name="role">manager, coordinator, executor, or null.</param>
    /// <param name="capabilities">Capability name to proficiency.</param>
    /// <param name="answer">Turns a task's input into its output; an exception is posted as the task's error.</param>
    /// <param name="cancellationToken">Bounds the registration.</param>
    public static Task<HttpTaskAgent> StartAsync(
        Uri baseAddress, string name, string? role, IReadOnlyDictionary<string, double> capabilities,
        Func<JsonNode?, CancellationToken, Task<JsonNode?>> answer, CancellationToken cancellationToken) =>
        StartAsync(baseAddress, name, role, capabilities, answer, DefaultHeartbeatInterval, cancellationToken);

    /// <summary>Registers the agent like <see cref="StartAsync(Uri, string, string?, IReadOnlyDictionary{string, double}, Func{JsonNode?, CancellationToken, Task{JsonNode?}}, CancellationToken)"/>,
    /// declaring <paramref name="heartbeatInterval"/> (whole seconds) as its own heartbeat interval.</summary>
    public static async Task<HttpTaskAgent> StartAsync(
        Uri baseAddress, string name, string? role, IReadOnlyDictionary<string, double> capabilities,
        Func<JsonNode?, CancellationToken, Task<JsonNode?>> answer, TimeSpan heartbeatInterval, CancellationToken cancellationToken)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var body = new JsonObject
        {
            ["name"] = name,
            ["capabilities"] = new JsonObject([.. capabilities.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
            ["max_concurrent_tasks"] = 64,
            ["heartbeat_interval_seconds"] = (int)heartbeatInterval.TotalSeconds,
        };
        if (role is not null)
        {
            body["role"] = role;
        }

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("api/v1/agents", UriKind.Relative), content, cancellationToken);
        var registered = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        if (response.StatusCode != HttpStatusCode.Created)
        {
            client.Dispose();
            throw new InvalidOperationException($"Registration of {name} failed: {(int)response.StatusCode} {registered}");
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered["api_key"]!.GetValue<string>());
        var agent = new HttpTaskAgent(client, registered["agent"]!["id"]!.GetValue<string>(), answer, heartbeatInterval);
        await agent.SendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", null, cancellationToken);
        agent._inboxLoop = agent.AnswerInboxAsync(agent._stop.Token);
        agent._heartbeatLoop = agent.HeartbeatAsync(agent._stop.Token);
        return agent;
    }

    /// <summary>Completes once <paramref name="count"/> task deliveries were received (at once when they already were).</summary>
    public Task WaitForReceivedAsync(int count, CancellationToken cancellationToken)
    {
        lock (_waiters)
        {
            if (_received.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops the agent (it answers and heartbeats no more, as if its process died); calling it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_inboxLoop, _heartbeatLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_beatPause, cancellationToken);
            await Task.WhenAll(_working.Keys
                .Select(taskId => TrySendAsync(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(taskId)}/heartbeat", null, cancellationToken))
                .Append(TrySendAsync(HttpMethod.Post, "api/v1/agents/me/heartbeat", null, cancellationToken)));
        }
    }

    private async Task AnswerInboxAsync(CancellationToken cancellationToken)
    {
        var answering = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var inbox = await TrySendAsync(HttpMethod.Get, "api/v1/agents/me/inbox?wait=2&limit=100", null, cancellationToken);
            if (inbox?["deliveries"] is not JsonArray { Count: > 0 } deliveries)
            {
                if (inbox is null)
                {
                    await Task.Delay(RetryPause, cancellationToken);
                }

                continue;
            }

            var ack = new JsonObject { ["delivery_ids"] = new JsonArray([.. deliveries.Select(d => (JsonNode?)d!["delivery_id"]!.GetValue<string>())]) };
            await TrySendAsync(HttpMethod.Post, "api/v1/agents/me/inbox/ack", ack, cancellationToken);
            foreach (var message in deliveries.Select(d => d!["message"]!).Where(m => m["kind"]?.GetValue<string>() == "task"))
            {
                var task = JsonNode.Parse(message["content"]!.GetValue<string>())!;
                if (task["type"]?.GetValue<string>() == "task")
                {
                    var taskId = task["task_id"]!.GetValue<string>();
                    NoteReceived(taskId);

                    // The host hands a held task over again after a restart; the answer already under way covers it, and a second
                    // one would post a second result for the same task.
                    if (_working.TryAdd(taskId, 0))
                    {
                        answering.Add(AnswerAsync(taskId, task["input"], cancellationToken));
                    }
                }
            }

            answering.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(answering).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Answers a task already counted in <see cref="_working"/>, which it leaves once the result is posted or refused.</summary>
    private async Task AnswerAsync(string taskId, JsonNode? input, CancellationToken cancellationToken)
    {
        try
        {
            await AnswerHeldAsync(taskId, input, cancellationToken);
        }
        finally
        {
            _working.TryRemove(taskId, out _);
        }
    }

    private async Task AnswerHeldAsync(string taskId, JsonNode? input, CancellationToken cancellationToken)
    {
        JsonObject result;
        try
        {
            // A node belongs to one parent only, and an answer may hand out the same node for several tasks (or the task's own
            // input): each result gets its own copy, so building it cannot fail the task.
            result = new JsonObject { ["output"] = (await _answer(input, cancellationToken))?.DeepClone() };
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            result = new JsonObject { ["error"] = error.Message };
        }

        var path = $"api/v1/tasks/{Uri.EscapeDataString(taskId)}/result";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SendAsync(HttpMethod.Post, path, result, cancellationToken);
                return;
            }
            catch (Exception error) when (IsHostUnavailable(error, cancellationToken))
            {
                // The host is down or restarting; the result is posted once it answers again.
                await Task.Delay(RetryPause, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // Refused (the task moved on, e.g. its lease ran out while the host was down): a redelivery brings it back.
                return;
            }
        }
    }

    private void NoteReceived(string taskId)
    {
        lock (_waiters)
        {
            _received.Add(taskId);
            foreach (var waiter in _waiters.Where(w => w.Count <= _received.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>One call; null when the host is unreachable or answered an error (it is asked again on the next round).</summary>
    private async Task<JsonNode?> TrySendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(method, path, body, cancellationToken);
        }
        catch (Exception error) when (error is HttpRequestException || IsHostUnavailable(error, cancellationToken))
        {
            return null;
        }
    }

    /// <summary>True for what a killed or restarting host causes: no connection, a connection cut while an answer was read, a
    /// timed-out call, a 5xx or 429 answer.</summary>
    private static bool IsHostUnavailable(Exception error, CancellationToken cancellationToken) => error switch
    {
        HttpRequestException { StatusCode: null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } => true,
        IOException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
