using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentPlatform.Bench.Http;
using AgentPlatform.Bench.Workflows;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;

namespace AgentPlatform.Bench.Llm;

/// <summary>One run of the swarm sample (<c>samples/workflows/swarm.yaml</c>, <c>max_concurrency</c> 20) on the user's path: the
/// Release host process over HTTP with LLM agents configured on a test LLM server process, planning one sub-task per document.</summary>
internal static partial class SwarmRun
{
    /// <summary>The worker agents: more than the sample's bound, so a free one is always there when a slot opens.</summary>
    private const int Workers = 25;

    /// <summary>The sample's <c>max_concurrency</c>: the most sub-tasks in flight.</summary>
    public const int Bound = 20;

    /// <summary>What one run measured.</summary>
    /// <param name="SubTasks">Sub-tasks completed.</param>
    /// <param name="Seconds">From the first sub-task scheduled to the last completed (history time stamps).</param>
    /// <param name="TaskLatencies">Per sub-task, its first scheduling to its completion, ms, sorted.</param>
    /// <param name="Requests">Requests the test server answered (the planner's and aggregator's included).</param>
    /// <param name="RateLimited">Of them answered 429.</param>
    /// <param name="MaxInFlight">The most requests the test server answered at once.</param>
    /// <param name="WallSeconds">From the start request to the completed answer.</param>
    /// <param name="HostCpu">The host process's CPU time over the run, start request to completed answer.</param>
    /// <param name="ServerCpu">The test server's CPU time over the same span.</param>
    /// <param name="ProviderCeiling">Calls per second of <see cref="Bound"/> callers straight to the warm test server after the
    /// swarm (<see cref="Llm.ProviderCeiling"/>); null when not measured.</param>
    public sealed record Result(
        int SubTasks, double Seconds, List<double> TaskLatencies, int Requests, int RateLimited, int MaxInFlight, double WallSeconds, TimeSpan HostCpu, TimeSpan ServerCpu,
        double? ProviderCeiling)
    {
        public double Throughput => SubTasks / Seconds;
    }

    /// <summary>Runs the swarm once over <paramref name="documents"/> documents against a test server started with
    /// <paramref name="serverOptions"/>, with fresh processes for both; given a <paramref name="warmUpRate"/>, a swarm sized to
    /// <see cref="BenchWarmUp.Duration"/> at that many sub-tasks/s (at most <paramref name="documents"/>) runs first on the same
    /// processes and is not measured (the server's counts are taken after it); without one the run is cold. Then, when it
    /// <paramref name="measuresCeiling"/>, as many calls as sub-tasks go straight to the server (<see cref="Llm.ProviderCeiling"/>).</summary>
    public static async Task<Result> RunAsync(
        int documents, IReadOnlyList<string> serverOptions, double? warmUpRate, bool measuresCeiling, CancellationToken cancellationToken)
    {
        await using var server = await LlmTestServerProcess.StartAsync(["--planner-model", "test-planner", .. serverOptions], cancellationToken);
        var settings = new Dictionary<string, string>();
        TestLlmAgentSettings.Add(settings, "planner", server.BaseUrl, "test-planner", "sk-bench-planner", "plan", 0.9, """{"type":"object"}""");
        for (var n = 1; n <= Workers; n++)
        {
            TestLlmAgentSettings.Add(settings, $"worker{n}", server.BaseUrl, "test-model", $"sk-bench-worker-{n}", TestLlmPlanner.WorkerCapability, 0.8);
        }

        TestLlmAgentSettings.Add(settings, "aggregator", server.BaseUrl, "test-model", "sk-bench-aggregator", "summarize", 0.9);

        // 5,000 documents make a start body of 75-90 KB, over the default Api:MaxBodyBytes (64 KiB).
        settings["Api:MaxBodyBytes"] = "1048576";
        await using var host = await BenchHost.StartAsync(settings, cancellationToken);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "workflows", "swarm.yaml"), cancellationToken);
        await SendYamlAsync(host, yaml, cancellationToken);
        if (warmUpRate is { } rate)
        {
            await SwarmAsync(host, "swarm-warm-up", (int)Math.Min(documents, BenchWarmUp.Duration.TotalSeconds * rate), cancellationToken);
        }

        var (requestsBefore, rateLimitedBefore, _) = await server.CountsAsync(cancellationToken);
        var (hostCpuBefore, serverCpuBefore) = (host.ProcessorTime, server.ProcessorTime);
        var watch = Stopwatch.StartNew();
        await SwarmAsync(host, "swarm-bench", documents, cancellationToken);
        var wall = watch.Elapsed.TotalSeconds;
        var (hostCpu, serverCpu) = (host.ProcessorTime - hostCpuBefore, server.ProcessorTime - serverCpuBefore);
        var history = (await host.SendJsonAsync(HttpMethod.Get, "api/v1/workflows/instances/swarm-bench/history", BenchHost.OperatorToken, null, cancellationToken))["events"]!.AsArray();
        var (requests, rateLimited, maxInFlight) = await server.CountsAsync(cancellationToken);
        double? ceiling = measuresCeiling ? await ProviderCeiling.MeasureAsync(server.BaseUrl, Bound, documents, cancellationToken) : null;
        await server.StopAsync(cancellationToken);
        var (subTasks, seconds, latencies) = SubTaskTimes(history);
        return new Result(
            subTasks, seconds, latencies, requests - requestsBefore, rateLimited - rateLimitedBefore, maxInFlight, wall, hostCpu, serverCpu, ceiling);
    }

    /// <summary>Runs the swarm <see cref="BenchReport.Runs"/> times (see <see cref="RunAsync"/>).</summary>
    public static async Task<List<Result>> RunEachAsync(
        BenchReport report, int documents, IReadOnlyList<string> serverOptions, double? warmUpRate, bool measuresCeiling, CancellationToken cancellationToken)
    {
        var results = new List<Result>();
        for (var run = 0; run < report.Runs; run++)
        {
            results.Add(await RunAsync(documents, serverOptions, warmUpRate, measuresCeiling, cancellationToken));
        }

        return results;
    }

    /// <summary>Reports the rows both swarm suites share: sub-task latency p50 and p99 and the most calls in flight; then the load average.</summary>
    public static void ReportCommon(BenchReport report, List<Result> results)
    {
        report.Row("sub-task latency p50 (first scheduled to completed)", "ms", [.. results.Select(r => ClosedLoop.Percentile(r.TaskLatencies, 0.5))]);
        report.Row("sub-task latency p99", "ms", [.. results.Select(r => ClosedLoop.Percentile(r.TaskLatencies, 0.99))]);
        report.Row($"most calls in flight at the test server (the plan step's bound is {Bound})", "calls", [.. results.Select(r => (double)r.MaxInFlight)]);
        report.Row("whole run, start request to completed (planner and aggregator included)", "s", [.. results.Select(r => r.WallSeconds)]);
        report.Row("host process CPU per sub-task (whole run, all threads)", "µs", [.. results.Select(r => r.HostCpu.TotalMicroseconds / r.SubTasks)]);
        report.Row("test server process CPU per request it answered", "µs", [.. results.Select(r => r.ServerCpu.TotalMicroseconds / r.Requests)]);
        report.Note($"Load average: {File.ReadAllText("/proc/loadavg").Trim()} ({Environment.ProcessorCount} cores, shared).");
    }

    /// <summary>Starts the swarm as <paramref name="instanceId"/> over <paramref name="documents"/> documents and waits until it completed.</summary>
    private static async Task SwarmAsync(BenchHost host, string instanceId, int documents, CancellationToken cancellationToken)
    {
        var input = new JsonObject
        {
            ["question"] = "what changed?",
            ["documents"] = new JsonArray([.. Enumerable.Range(1, documents).Select(n => (JsonNode)$"document {n}")]),
        };
        var start = new JsonObject { ["definition_id"] = "document-swarm", ["instance_id"] = instanceId, ["input"] = input };
        await host.SendJsonAsync(HttpMethod.Post, "api/v1/workflows/instances", BenchHost.OperatorToken, start.ToJsonString(), cancellationToken);
        var status = await host.WaitEndedAsync(instanceId, cancellationToken);
        if (status != "completed")
        {
            throw new InvalidOperationException($"The swarm {instanceId} ended {status}.");
        }
    }

    private static (int Count, double Seconds, List<double> Latencies) SubTaskTimes(JsonArray history)
    {
        var scheduled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in history.Select(e => e!.AsObject()))
        {
            if (e["task_id"]?.GetValue<string>() is not { } id || SubTask().Match(id) is not { Success: true } match)
            {
                continue;
            }

            var at = DateTimeOffset.Parse(e["ts"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var item = match.Groups[1].Value;
            switch (e["type"]!.GetValue<string>())
            {
                case "task_scheduled":
                    scheduled.TryAdd(item, at);
                    break;
                case "task_completed":
                    completed[item] = at;
                    break;
            }
        }

        var latencies = completed.Select(c => (c.Value - scheduled[c.Key]).TotalMilliseconds).Order().ToList();
        return (completed.Count, (completed.Values.Max() - scheduled.Values.Min()).TotalSeconds, latencies);
    }

    private static async Task SendYamlAsync(BenchHost host, string yaml, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/workflows/definitions", UriKind.Relative))
        {
            Content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchHost.OperatorToken);
        using var response = await host.Client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The swarm definition was refused: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    [GeneratedRegex(@":work\[(\d+)\]:\d+$")]
    private static partial Regex SubTask();
}
