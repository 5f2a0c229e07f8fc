using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.Bench.Workflows;

namespace AgentPlatform.Bench.Http;

/// <summary>External agents over HTTP: 20 agents (long-poll inbox, acknowledge, post results) take one-step workflows matched
/// by capability; task completions per second, and the latency from the task's scheduling commit to the agent's receipt at a
/// steady 500 tasks/s.</summary>
/// <remarks>The per-key rate limit is lifted for the run (<see cref="BenchHost"/>: 10^9 permits/s); built-in agents are off, so
/// every step goes through the registry and the agents' inboxes. The scheduling commit time is the <c>task_scheduled</c>
/// event's timestamp in the history (same machine clock as the agents' receipt).</remarks>
public sealed class HttpTaskAgentsSuite : BenchSuite
{
    private const int Agents = 20;

    /// <summary>Inbox reads one agent handles at once (see <see cref="RunAgentAsync"/>).</summary>
    private const int BatchesInHand = 4;

    // Closed loop: completions/s = instances in flight / time per instance. Each instance makes several serial durable commits (start,
    // assignment, delivery, result, finish), so 50 in flight capped the rate at 50 / (tens of ms) whatever the agents could do; 400
    // keep all 20 agents fed.
    private const int Starters = 400;
    private const string Definition = """
        { "id": "bench-task", "steps": [ { "id": "work", "kind": "agent_task", "capabilities": { "bench-task": 1 }, "input": "${input.n}" } ] }
        """;

    public override string Name => "http-tasks";

    public override string Description => "20 external agents over HTTP: task completions/s (400 starters), scheduling-to-receipt latency p50/p99 at 500 tasks/s";

    public override async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var seconds = double.Parse(Environment.GetEnvironmentVariable("BENCH_TASK_SECONDS") ?? "5", CultureInfo.InvariantCulture);
        var paced = int.Parse(Environment.GetEnvironmentVariable("BENCH_TASK_RATE") ?? "500", CultureInfo.InvariantCulture);
        await using var host = await BenchHost.StartAsync(
            new Dictionary<string, string> { ["Workflows__BuiltInAgents__Enabled"] = "false", ["Tasks__LeaseDuration"] = "00:01:00" }, cancellationToken);
        await PostAsync(host, BenchHost.OperatorToken, "api/v1/workflows/definitions", Definition, cancellationToken);
        var receipts = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var agents = new List<Task>();
        for (var i = 0; i < Agents; i++)
        {
            var key = await RegisterAsync(host, $"bench-task-{i}", cancellationToken);
            agents.Add(RunAgentAsync(host, key, receipts, stop.Token));
        }

        var instance = 0;

        // Warm-up (JIT tiers, actor activations) so that the runs measure the platform running, not its start.
        var warmUp = await host.WarmUpAsync(d => SaturateAsync(host, d, () => Interlocked.Increment(ref instance), cancellationToken), cancellationToken);
        var rates = new List<double>();
        var hostCpu = new List<double>();
        var jit = new List<double>();
        var p50 = new List<double>();
        var p99 = new List<double>();
        for (var run = 0; run < report.Runs; run++)
        {
            var jitBefore = await host.JitSecondsAsync(cancellationToken);
            var (rate, cpu) = await SaturateAsync(host, TimeSpan.FromSeconds(seconds), () => Interlocked.Increment(ref instance), cancellationToken);
            jit.Add((await host.JitSecondsAsync(cancellationToken) - jitBefore) / seconds * 100);
            rates.Add(rate);
            hostCpu.Add(cpu);
            var latencies = await PacedAsync(host, paced, TimeSpan.FromSeconds(seconds), () => Interlocked.Increment(ref instance), receipts, cancellationToken);
            latencies.Sort();
            p50.Add(ClosedLoop.Percentile(latencies, 0.5));
            p99.Add(ClosedLoop.Percentile(latencies, 0.99));
        }

        await stop.CancelAsync();
        await Task.WhenAll(agents.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        report.Row($"task completions, {Agents} HTTP agents, {Starters} concurrent starters (start that waits for completed)", "tasks/s", rates);
        report.Row("host process CPU per task completion (start to completed)", "µs", hostCpu);
        report.Row("host JIT compilation during the completions run", "% of a core", jit);
        report.Row("warm-up, until the host's JIT settled", "s", [warmUp.TotalSeconds]);
        report.Row($"scheduling commit to agent receipt p50, {paced} tasks/s", "ms", p50);
        report.Row($"scheduling commit to agent receipt p99, {paced} tasks/s", "ms", p99);
        report.Note($"Per-key rate limit lifted (Api:RateLimit 10^9/s). Load average: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared).");
    }

    /// <summary>Starts instances from <see cref="Starters"/> loops, each waiting for its instance to complete, for <paramref name="duration"/>;
    /// returns completions per second and the host's CPU microseconds per completion.</summary>
    private static async Task<(double Rate, double CpuMicroseconds)> SaturateAsync(BenchHost host, TimeSpan duration, Func<int> next, CancellationToken cancellationToken)
    {
        var completed = 0L;
        var cpu = host.ProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Starters).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var id = $"bench-{next()}";
                var started = await StartAsync(host, id, 30, cancellationToken);
                if (started["status"]!.GetValue<string>() is "running" or "pending")
                {
                    await host.WaitEndedAsync(id, cancellationToken);
                }

                Interlocked.Increment(ref completed);
            }
        }));
        var elapsed = clock.Elapsed;
        var used = host.ProcessorTime - cpu;
        return (completed / elapsed.TotalSeconds, completed == 0 ? double.NaN : used.TotalMicroseconds / completed);
    }

    /// <summary>Starts instances at <paramref name="perSecond"/> for <paramref name="duration"/> and returns, per task, the milliseconds
    /// from its <c>task_scheduled</c> commit to its receipt by an agent.</summary>
    private static async Task<List<double>> PacedAsync(
        BenchHost host, int perSecond, TimeSpan duration, Func<int> next, ConcurrentDictionary<string, DateTimeOffset> receipts, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var started = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var id = $"bench-{next()}";
            ids.Add(id);
            started.Add(StartAsync(host, id, 0, cancellationToken));
        }

        await Task.WhenAll(started);
        var latencies = new List<double>();
        foreach (var id in ids)
        {
            await host.WaitEndedAsync(id, cancellationToken);
            var history = await GetAsync(host, $"api/v1/workflows/instances/{id}/history", cancellationToken);
            foreach (var e in history["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "task_scheduled"))
            {
                if (receipts.TryGetValue(e!["task_id"]!.GetValue<string>(), out var received))
                {
                    latencies.Add((received - e["ts"]!.GetValue<DateTimeOffset>()).TotalMilliseconds);
                }
            }
        }

        return latencies;
    }

    /// <summary>One agent: long-polls its inbox and, while it handles what one read brought (acknowledge, then post the results of
    /// its tasks in one request, <c>POST /tasks/results</c>), already reads again, as an agent that works on several tasks at once would; it records when each task arrived.
    /// At most <see cref="BatchesInHand"/> reads are in hand at once.</summary>
    /// <remarks>A read that waited for the previous batch's acknowledgement and results would count the agent's own work as the
    /// platform's delivery latency.</remarks>
    private static async Task RunAgentAsync(BenchHost host, string key, ConcurrentDictionary<string, DateTimeOffset> receipts, CancellationToken cancellationToken)
    {
        using var inHand = new SemaphoreSlim(BatchesInHand);
        var handling = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            JsonNode inbox;
            try
            {
                await inHand.WaitAsync(cancellationToken);
                inbox = await SendAsync(host, key, HttpMethod.Get, "api/v1/agents/me/inbox?wait=5&limit=100", null, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var received = DateTimeOffset.UtcNow;
            var deliveries = inbox["deliveries"]!.AsArray();
            if (deliveries.Count == 0)
            {
                inHand.Release();
                continue;
            }

            handling.RemoveAll(t => t.IsCompleted);
            handling.Add(HandleAsync(deliveries, received));
        }

        await Task.WhenAll(handling.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        async Task HandleAsync(JsonArray deliveries, DateTimeOffset received)
        {
            try
            {
                var ack = new JsonObject { ["delivery_ids"] = new JsonArray([.. deliveries.Select(d => (JsonNode)d!["delivery_id"]!.GetValue<string>())]) };
                await SendAsync(host, key, HttpMethod.Post, "api/v1/agents/me/inbox/ack", ack.ToJsonString(), cancellationToken);
                var results = new JsonArray();
                foreach (var message in deliveries.Select(d => d!["message"]!).Where(m => m["title"]!.GetValue<string>() == "task"))
                {
                    var task = JsonNode.Parse(message["content"]!.GetValue<string>())!;
                    var taskId = task["task_id"]!.GetValue<string>();
                    receipts.TryAdd(taskId, received);
                    results.Add(new JsonObject { ["task_id"] = taskId, ["output"] = task["input"]?.DeepClone() });
                }

                // A read returns at most 100 deliveries, as many results as one request may carry.
                if (results.Count > 0)
                {
                    await SendAsync(host, key, HttpMethod.Post, "api/v1/tasks/results", new JsonObject { ["results"] = results }.ToJsonString(), cancellationToken);
                }
            }
            finally
            {
                inHand.Release();
            }
        }
    }

    private static async Task<string> RegisterAsync(BenchHost host, string name, CancellationToken cancellationToken)
    {
        var body = $$$"""{"name":"{{{name}}}","capabilities":{"bench-task":0.9},"max_concurrent_tasks":10000}""";
        var registered = await PostAsync(host, null, "api/v1/agents", body, cancellationToken);
        var key = registered["api_key"]!.GetValue<string>();
        await SendAsync(host, key, HttpMethod.Post, "api/v1/agents/me/heartbeat", null, cancellationToken);
        return key;
    }

    /// <summary>Starts instance <paramref name="id"/>; with <paramref name="waitSeconds"/> over 0, the same request waits for its finish
    /// (<c>POST /instances?wait=</c>) up to that long.</summary>
    private static Task<JsonNode> StartAsync(BenchHost host, string id, int waitSeconds, CancellationToken cancellationToken) =>
        PostAsync(
            host,
            BenchHost.OperatorToken,
            waitSeconds > 0 ? $"api/v1/workflows/instances?wait={waitSeconds}" : "api/v1/workflows/instances",
            $$$"""{"definition_id":"bench-task","instance_id":"{{{id}}}","input":{"n":1}}""",
            cancellationToken);

    private static Task<JsonNode> GetAsync(BenchHost host, string path, CancellationToken cancellationToken) =>
        SendAsync(host, BenchHost.OperatorToken, HttpMethod.Get, path, null, cancellationToken);

    private static Task<JsonNode> PostAsync(BenchHost host, string? bearer, string path, string body, CancellationToken cancellationToken) =>
        SendAsync(host, bearer, HttpMethod.Post, path, body, cancellationToken);

    private static Task<JsonNode> SendAsync(BenchHost host, string? bearer, HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        host.SendJsonAsync(method, path, bearer, body, cancellationToken);
}
