using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentPlatform.EndToEnd.Tests.Channels;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>The task routes over real HTTP, played by an agent written in the test: only the holder may act, results are idempotent,
/// bad input answers problem+json naming the field and changes nothing, termination sends <c>task_cancelled</c>.</summary>
public sealed class TaskProtocolTests(ITestOutputHelper output)
{
    private const string Definition = """
        id: chore
        steps:
          - id: work
            kind: agent_task
            agent: "${AGENT}"
            input: { n: "${input.n}" }
            priority: low
        """;

    [Fact]
    public async Task Only_the_holder_acts_results_are_idempotent_bad_input_changes_nothing_and_the_holder_may_raise_events()
    {
        var timeout = TestTimeout.After(120);
        await using var scene = await HolderScene.StartAsync(output, timeout);
        var (ops, worker, stranger) = (scene.Ops, scene.Worker, scene.Stranger);

        await ops.StartAsync("chore", "chore-1", new { n = 7 }, timeout);
        var (task, message) = await ReadTaskAsync(worker, timeout);
        var taskId = task["task_id"]!.GetValue<string>();
        Assert.Equal("chore-1:work:1", taskId);
        Assert.Equal("work", task["step_id"]!.GetValue<string>());
        Assert.Equal(1, task["attempt"]!.GetValue<int>());
        Assert.Equal(7, task["input"]!["n"]!.GetValue<int>());
        Assert.Equal("low", task["priority"]!.GetValue<string>());
        Assert.Equal("low", message["priority"]!.GetValue<string>());
        Assert.NotNull(task["lease_until"]);

        // Someone else's result, an unknown task, malformed and huge bodies: 4xx problems, and the task is still the worker's.
        await AssertProblemAsync(stranger, $"tasks/{taskId}/result", new { output = 1 }, HttpStatusCode.Forbidden, null, timeout);
        await AssertProblemAsync(stranger, $"tasks/{taskId}/heartbeat", null, HttpStatusCode.Forbidden, null, timeout);
        await AssertProblemAsync(worker, "tasks/chore-1:work:9/result", new { output = 1 }, HttpStatusCode.NotFound, null, timeout);
        await AssertProblemAsync(worker, "tasks/nope/result", new { output = 1 }, HttpStatusCode.NotFound, null, timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/result", new { }, HttpStatusCode.BadRequest, "output", timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/result", new { output = 1, error = "both" }, HttpStatusCode.BadRequest, "output", timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/result", new { error = 5 }, HttpStatusCode.BadRequest, "error", timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/result", new { output = 1, surprise = true }, HttpStatusCode.BadRequest, "surprise", timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/result", new { output = new string('x', 100_000) }, HttpStatusCode.RequestEntityTooLarge, null, timeout);
        await AssertProblemAsync(worker, $"tasks/{taskId}/reject", new { reason = "" }, HttpStatusCode.BadRequest, "reason", timeout);
        using (var match = await ops.Client.GetAsync(new Uri("api/v1/registry/match?capabilities=Bad Name", UriKind.Relative), timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, match.StatusCode);
        }

        // With raise_events granted, the agent working for the instance may raise an event on it; another agent may not.
        foreach (var agent in new[] { worker, stranger })
        {
            using var grant = await ops.Client.PutAsJsonAsync(new Uri($"api/v1/agents/{agent.Id}/rights", UriKind.Relative), new { raise_events = true }, timeout);
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        }

        await SendAsync(worker, HttpMethod.Post, "workflows/instances/chore-1/events/nudge", new { payload = 1 }, HttpStatusCode.OK, timeout);
        await AssertProblemAsync(stranger, "workflows/instances/chore-1/events/nudge", new { payload = 1 }, HttpStatusCode.Forbidden, null, timeout);

        var held = await SendAsync(worker, HttpMethod.Get, $"tasks/{taskId}", null, HttpStatusCode.OK, timeout);
        Assert.Equal("assigned", held["state"]!.GetValue<string>());
        await AssertProblemAsync(stranger, $"tasks/{taskId}", null, HttpStatusCode.NotFound, null, timeout, HttpMethod.Get);

        var beat = await SendAsync(worker, HttpMethod.Post, $"tasks/{taskId}/heartbeat", null, HttpStatusCode.OK, timeout);
        Assert.Equal("accepted", beat["status"]!.GetValue<string>());
        Assert.True(beat["task"]!["lease_until"]!.GetValue<DateTimeOffset>() >= task["lease_until"]!.GetValue<DateTimeOffset>());

        var done = await SendAsync(worker, HttpMethod.Post, $"tasks/{taskId}/result", new { output = new { sum = 8 } }, HttpStatusCode.OK, timeout);
        Assert.Equal("accepted", done["status"]!.GetValue<string>());
        var again = await SendAsync(worker, HttpMethod.Post, $"tasks/{taskId}/result", new { output = new { sum = 9 } }, HttpStatusCode.OK, timeout);
        Assert.Equal("duplicate", again["status"]!.GetValue<string>());
        var late = await SendAsync(worker, HttpMethod.Post, $"tasks/{taskId}/reject", null, HttpStatusCode.OK, timeout);
        Assert.Equal("late", late["status"]!.GetValue<string>());
        await AssertProblemAsync(worker, $"tasks/{taskId}/heartbeat", null, HttpStatusCode.Conflict, null, timeout);

        var final = await ops.WaitAsync("chore-1", timeout);
        Assert.Equal("completed", final["status"]!.GetValue<string>());
        Assert.Equal(8, final["output"]!["sum"]!.GetValue<int>());
        var completed = Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("chore-1", timeout))[taskId]);
        Assert.Equal(worker.Id, completed["agent_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Several_results_in_one_request_apply_each_by_the_single_rules_and_an_invalid_one_refuses_them_all()
    {
        var timeout = TestTimeout.After(120);
        await using var scene = await HolderScene.StartAsync(output, timeout);
        var (ops, worker, stranger) = (scene.Ops, scene.Worker, scene.Stranger);
        await ops.RegisterDefinitionAsync(Definition.Replace("chore", "other", StringComparison.Ordinal).Replace("${AGENT}", stranger.Id, StringComparison.Ordinal), timeout);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await ops.StartAsync("chore", $"batch-{n}", new { n }, timeout);
        }

        await ops.StartAsync("other", "theirs-1", new { n = 4 }, timeout);
        var held = new HashSet<string>();
        while (held.Count < 3)
        {
            held.Add((await ReadTaskAsync(worker, timeout)).Content["task_id"]!.GetValue<string>());
        }

        var theirs = (await ReadTaskAsync(stranger, timeout)).Content["task_id"]!.GetValue<string>();

        // Any invalid result refuses the request, naming the item and field, and nothing is applied.
        await AssertProblemAsync(worker, "tasks/results", new { results = new object[] { new { task_id = "batch-1:work:1", output = 1 }, new { task_id = "batch-2:work:1" } } }, HttpStatusCode.BadRequest, "results[1].output", timeout);
        await AssertProblemAsync(worker, "tasks/results", new { results = new object[] { new { task_id = "batch-1:work:1", output = 1 }, new { task_id = "batch-1:work:1", output = 2 } } }, HttpStatusCode.BadRequest, "results[1].task_id", timeout);
        await AssertProblemAsync(worker, "tasks/results", new { results = new object[] { new { output = 1 } } }, HttpStatusCode.BadRequest, "results[0].task_id", timeout);
        await AssertProblemAsync(worker, "tasks/results", new { results = Array.Empty<object>() }, HttpStatusCode.BadRequest, "results", timeout);
        await AssertProblemAsync(worker, "tasks/results", new { results = Enumerable.Range(0, 101).Select(i => new { task_id = $"t{i}", output = i }) }, HttpStatusCode.BadRequest, "results", timeout);
        await AssertProblemAsync(worker, "tasks/results", new { results = new object[] { new { task_id = "batch-1:work:1", output = 1 } }, surprise = 1 }, HttpStatusCode.BadRequest, "surprise", timeout);
        var still = await SendAsync(worker, HttpMethod.Get, "tasks/batch-1:work:1", null, HttpStatusCode.OK, timeout);
        Assert.Equal("assigned", still["state"]!.GetValue<string>());

        var answer = await SendAsync(worker, HttpMethod.Post, "tasks/results", new
        {
            results = new object[]
            {
                new { task_id = "batch-1:work:1", output = new { sum = 10 } },
                new { task_id = "batch-2:work:1", error = "no luck" },
                new { task_id = theirs, output = 0 },
                new { task_id = "nope", output = 0 },
            },
        }, HttpStatusCode.OK, timeout);
        var items = answer["results"]!.AsArray();
        Assert.Equal(["accepted", "accepted", "not_assigned", "not_found"], items.Select(i => i!["status"]!.GetValue<string>()));
        Assert.Equal("completed", items[0]!["task"]!["end"]!.GetValue<string>());
        Assert.Null(items[2]!["task"]);
        var again = await SendAsync(worker, HttpMethod.Post, "tasks/results", new
        {
            results = new object[] { new { task_id = "batch-1:work:1", output = new { sum = 11 } }, new { task_id = "batch-3:work:1", output = new { sum = 30 } } },
        }, HttpStatusCode.OK, timeout);
        Assert.Equal(["duplicate", "accepted"], again["results"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()));

        Assert.Equal(10, (await ops.WaitAsync("batch-1", timeout))["output"]!["sum"]!.GetValue<int>());
        Assert.Equal("failed", (await ops.WaitAsync("batch-2", timeout))["status"]!.GetValue<string>());
        Assert.Equal(30, (await ops.WaitAsync("batch-3", timeout))["output"]!["sum"]!.GetValue<int>());
        var theirsNow = await SendAsync(stranger, HttpMethod.Get, $"tasks/{theirs}", null, HttpStatusCode.OK, timeout);
        Assert.Equal("assigned", theirsNow["state"]!.GetValue<string>());
        Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("batch-1", timeout))["batch-1:work:1"]);
    }

    [Fact]
    public async Task Terminating_a_workflow_sends_task_cancelled_and_a_rejected_task_fails_without_another_agent()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        using var worker = await RegisterAsync(host, "worker", timeout);
        await ops.RegisterDefinitionAsync(Definition.Replace("${AGENT}", worker.Id, StringComparison.Ordinal), timeout);

        await ops.StartAsync("chore", "chore-stop", new { n = 1 }, timeout);
        var (task, _) = await ReadTaskAsync(worker, timeout);
        await ops.TerminateAsync("chore-stop", timeout);
        var (cancelled, _) = await ReadTaskAsync(worker, timeout);
        Assert.Equal("task_cancelled", cancelled["type"]!.GetValue<string>());
        Assert.Equal(task["task_id"]!.GetValue<string>(), cancelled["task_id"]!.GetValue<string>());
        Assert.Contains("terminated", cancelled["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var late = await SendAsync(worker, HttpMethod.Post, $"tasks/{task["task_id"]}/result", new { output = 1 }, HttpStatusCode.OK, timeout);
        Assert.Equal("late", late["status"]!.GetValue<string>());

        await ops.StartAsync("chore", "chore-reject", new { n = 2 }, timeout);
        var (offered, _) = await ReadTaskAsync(worker, timeout);
        var rejected = await SendAsync(worker, HttpMethod.Post, $"tasks/{offered["task_id"]}/reject", new { reason = "too busy" }, HttpStatusCode.OK, timeout);
        Assert.Equal("accepted", rejected["status"]!.GetValue<string>());
        var final = await ops.WaitAsync("chore-reject", timeout);
        Assert.Equal("failed", final["status"]!.GetValue<string>());
        var failed = Assert.Single(TaskOperator.ResultsByTask(await ops.HistoryAsync("chore-reject", timeout))[offered["task_id"]!.GetValue<string>()]);
        Assert.Equal("task_failed", failed["type"]!.GetValue<string>());
        Assert.Contains("too busy", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<ApiAgent> RegisterAsync(HostProcess host, string prefix, CancellationToken cancellationToken)
    {
        using var client = host.CreateClient();
        var name = $"{prefix}-{Guid.NewGuid():N}"[..24];
        using var response = await client.PostAsJsonAsync(
            new Uri("api/v1/agents", UriKind.Relative), new { name, capabilities = new Dictionary<string, double> { ["chores"] = 1 } }, cancellationToken);
        var agent = ApiAgent.FromRegistration(host, await ApiAgent.ReadJsonAsync(response, HttpStatusCode.Created, cancellationToken));
        using var beat = await agent.SendAsync(HttpMethod.Post, "agents/me/heartbeat", null, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        return agent;
    }

    /// <summary>Long-polls the inbox for the next task message, acknowledges it, and returns its content and the message.</summary>
    private static async Task<(JsonObject Content, JsonObject Message)> ReadTaskAsync(ApiAgent agent, CancellationToken cancellationToken)
    {
        while (true)
        {
            var deliveries = await agent.ReadInboxAsync(5, cancellationToken, limit: 1);
            if (deliveries.Count == 0)
            {
                continue;
            }

            await agent.AcknowledgeAsync([deliveries[0]!["delivery_id"]!.GetValue<string>()], cancellationToken);
            var message = deliveries[0]!["message"]!.AsObject();
            if (message["kind"]!.GetValue<string>() == "task")
            {
                return (JsonNode.Parse(message["content"]!.GetValue<string>())!.AsObject(), message);
            }
        }
    }

    private static async Task<JsonObject> SendAsync(
        ApiAgent agent, HttpMethod method, string path, object? body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(method, path, body, cancellationToken);
        return await ApiAgent.ReadJsonAsync(response, expected, cancellationToken);
    }

    private static async Task AssertProblemAsync(
        ApiAgent agent, string path, object? body, HttpStatusCode expected, string? field, CancellationToken cancellationToken, HttpMethod? method = null)
    {
        using var response = await agent.SendAsync(method ?? HttpMethod.Post, path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == expected, $"{path}: expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field), text);
        }
    }

    /// <summary>A host with two agents, <c>worker</c> (the agent of the <c>chore</c> definition) and <c>stranger</c>, under a lease long
    /// enough for a whole exchange (lease expiry is what the reassignment tests cover).</summary>
    private sealed class HolderScene : IAsyncDisposable
    {
        private HolderScene(HostProcess host, TaskOperator ops, ApiAgent worker, ApiAgent stranger) => (Host, Ops, Worker, Stranger) = (host, ops, worker, stranger);

        public HostProcess Host { get; }

        public TaskOperator Ops { get; }

        public ApiAgent Worker { get; }

        public ApiAgent Stranger { get; }

        public static async Task<HolderScene> StartAsync(ITestOutputHelper output, CancellationToken timeout)
        {
            var settings = new Dictionary<string, string>(TaskOperator.Settings) { ["Tasks__LeaseDuration"] = "00:01:00" };
            var host = await HostProcess.StartNewAsync(output, settings, timeout);
            var ops = TaskOperator.For(host);
            var worker = await RegisterAsync(host, "worker", timeout);
            var stranger = await RegisterAsync(host, "stranger", timeout);
            await ops.RegisterDefinitionAsync(Definition.Replace("${AGENT}", worker.Id, StringComparison.Ordinal), timeout);
            return new HolderScene(host, ops, worker, stranger);
        }

        public async ValueTask DisposeAsync()
        {
            Worker.Dispose();
            Stranger.Dispose();
            Ops.Dispose();
            await Host.DisposeAsync();
        }
    }
}
