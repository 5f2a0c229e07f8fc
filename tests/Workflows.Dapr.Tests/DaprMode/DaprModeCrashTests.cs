using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Dapr.Tests.Support;
using Xunit.Abstractions;

namespace AgentPlatform.Workflows.Dapr.Tests.DaprMode;

/// <summary>The real host in Dapr mode (Dapr engine, the daprd double with the workflow backend), SIGKILLed at random
/// moments while instances with parallel, wait, condition and external-event steps run.</summary>
public sealed class DaprModeCrashTests(ITestOutputHelper output)
{
    private const string OperatorToken = "dapr-crash-test-operator-token";
    private const int Instances = 3;
    private const int Kills = 10;

    private const string Definition = """
        {
          "id": "dapr-crash",
          "steps": [
            { "id": "pre1", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "${input.seed}" },
            { "id": "pre2", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "${steps.pre1.output}" },
            { "id": "fan", "kind": "parallel", "branches": [
              { "name": "a", "steps": [
                { "id": "a1", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "a1" },
                { "id": "a2", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "a2" } ] },
              { "name": "b", "steps": [
                { "id": "b1", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "b1" },
                { "id": "b-nap", "kind": "wait", "duration": "300ms" },
                { "id": "b2", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "b2" } ] } ] },
            { "id": "gate", "kind": "condition", "if": "input.seed >= 1",
              "then": [ { "id": "approve", "kind": "wait", "event": { "name": "go" } },
                        { "id": "high", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "high" } ],
              "else": [ { "id": "low", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "low" } ] },
            { "id": "post1", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "${steps.fan.output}" },
            { "id": "post2", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "${steps.post1.output}" },
            { "id": "post3", "kind": "agent_task", "capabilities": { "echo": 1 }, "input": "${steps.post2.output}" }
          ]
        }
        """;

    [Fact]
    public async Task Workflows_on_Dapr_survive_repeated_SIGKILLs_and_no_task_runs_after_its_completion_was_recorded()
    {
        var timeout = TestTimeout.After(240);
        var random = new Random(20261201);
        using var data = new TempDirectory();
        var (httpPort, grpcPort) = (FreePorts.TakeOne(), FreePorts.TakeOne());
        await using var host = await HostProcess.StartNewAsync(
            output,
            new Dictionary<string, string>
            {
                ["Runtime__Mode"] = "dapr",
                ["DAPR_HTTP_ENDPOINT"] = $"http://127.0.0.1:{httpPort}",
                ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{grpcPort}",
                ["Api__OperatorToken"] = OperatorToken,
                ["Workflows__BuiltInAgents__Enabled"] = "true",
                ["Workflows__BuiltInAgents__DelayMilliseconds"] = "100",
            },
            timeout);
        using var extension = new WorkflowBackendSidecarExtension(Path.Combine(data.Path, "workflows.db"));
        var options = new DaprTestClusterOptions { DataDirectory = data.Path };
        options.AppPorts.Add(host.Port);
        options.HttpPorts.Add(httpPort);
        options.GrpcPorts.Add(grpcPort);
        options.Extensions.Add(extension);
        await using var cluster = await DaprTestCluster.StartAsync(options, timeout);

        // The cluster needs the app's port, which the host picks when it first starts; that first process ran before its
        // sidecar and its gRPC channels are backing off from refused connections, so the run starts with a fresh one.
        await host.KillAsync();
        await host.StartAsync(timeout);
        await cluster.WaitForAppsAsync(timeout);

        using (var client = Client(host))
        {
            using var registered = await client.PostAsync(
                new Uri("api/v1/workflows/definitions", UriKind.Relative), new StringContent(Definition, Encoding.UTF8, "application/json"), timeout);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            for (var i = 0; i < Instances; i++)
            {
                using var started = await client.PostAsJsonAsync(
                    new Uri("api/v1/workflows/instances", UriKind.Relative), new { definition_id = "dapr-crash", instance_id = $"dapr-crash-{i}", input = new { seed = i } }, timeout);
                Assert.Equal(HttpStatusCode.Created, started.StatusCode);
                using var raised = await client.PostAsync(new Uri($"api/v1/workflows/instances/dapr-crash-{i}/events/go", UriKind.Relative), null, timeout);
                Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
            }
        }

        for (var kill = 0; kill < Kills; kill++)
        {
            // The kill point is a random moment in the host's run; the delay only times the kill, it waits for no condition.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 700)), timeout);
            await host.KillAsync();
            output.WriteLine($"SIGKILL #{kill + 1}");
            await host.StartAsync(timeout);
        }

        using var final = Client(host);
        var completedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < Instances; i++)
        {
            var state = await WorkflowCrashEvidence.WaitForFinishAsync(final, $"dapr-crash-{i}", timeout);
            Assert.Equal("completed", state.GetProperty("status").GetString());
            using var history = await final.GetAsync(new Uri($"api/v1/workflows/instances/dapr-crash-{i}/history", UriKind.Relative), timeout);
            var events = JsonDocument.Parse(await history.Content.ReadAsStringAsync(timeout)).RootElement.GetProperty("events");
            foreach (var e in events.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "task_completed"))
            {
                Assert.True(completedAt.TryAdd(e.GetProperty("task_id").GetString()!, e.GetProperty("ts").GetDateTimeOffset()), "a task completed twice in a history");
            }
        }

        var executions = WorkflowCrashEvidence.ReadExecutions(Path.Combine(host.DataDirectory, "workflow-task-executions.log"));
        Assert.Equal(Instances * 10, completedAt.Count);
        var late = executions.Where(x => completedAt.TryGetValue(x.TaskId, out var at) && x.At > at).ToList();
        Assert.True(late.Count == 0, "tasks ran after their completion was recorded: " + string.Join(", ", late.Select(x => $"{x.TaskId} at {x.At:O}, completed {completedAt[x.TaskId]:O}")));
        Assert.All(completedAt.Keys, taskId => Assert.Contains(executions, x => x.TaskId == taskId));
        output.WriteLine($"{executions.Count} executions of {completedAt.Count} tasks over {Kills} SIGKILLs; {executions.GroupBy(x => x.TaskId).Count(g => g.Count() > 1)} tasks ran more than once");
    }

    private static HttpClient Client(HostProcess host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        return client;
    }
}
