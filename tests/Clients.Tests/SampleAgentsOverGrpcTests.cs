using System.Globalization;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.Clients.Tests;

/// <summary>The Python and Node.js sample agents run over gRPC (<c>--grpc</c>) as real processes: they hear each other on a
/// channel, and each takes a workflow's <c>agent_task</c> and posts the result the workflow completes with.</summary>
[Collection(ClientsHostGroup.Name)]
public sealed class SampleAgentsOverGrpcTests(ClientsHost host, ITestOutputHelper output)
{
    private const string PythonSample = "samples/python-agent/agent.py";
    private const string NodeSample = "samples/node-agent/agent.mjs";

    [ClientsFact]
    public async Task A_python_agent_and_a_node_agent_hear_each_other_on_a_channel()
    {
        var timeout = TestTimeout.After(60);
        var channel = $"grpc-samples-{Guid.NewGuid():N}"[..24];
        string[] Arguments(string name) =>
            ["--grpc", host.GrpcTarget, "--name", name, "--channel", channel, "--rounds", "1", "--wait", "1", "--expect-peers", "1",
             "--timeout", "40", "--heartbeat-interval", "2"];

        var python = ClientProcess.RunAsync(ClientProcess.Python, PythonSample, Arguments(UniqueName("py")), output, timeout);
        var node = ClientProcess.RunAsync(ClientProcess.Node, NodeSample, Arguments(UniqueName("node")), output, timeout);
        var (pythonExit, pythonSummary) = await python;
        var (nodeExit, nodeSummary) = await node;

        Assert.Equal(0, pythonExit);
        Assert.Equal(0, nodeExit);
        foreach (var (summary, language) in new[] { (pythonSummary, "python"), (nodeSummary, "node") })
        {
            Assert.Equal(language, Text(summary, "language"));
            Assert.Equal("grpc", Text(summary, "transport"));
            Assert.True(summary["joined"]!.GetValue<bool>());
            Assert.Equal(2, summary["posted"]!.GetValue<int>());
            Assert.True(summary["heartbeats"]!.GetValue<int>() >= 1);
            Assert.True(summary["rate_limited"]!.GetValue<int>() >= 1, "the second post of a round meets the cooldown");
            Assert.All(summary["retry_after_seconds"]!.AsArray(), delay => Assert.InRange(delay!.GetValue<double>(), 0.001, 1.0));
            Assert.True(summary["acknowledged"]!.GetValue<int>() >= 1);
            Assert.Empty(summary["errors"]!.AsArray());
        }

        Assert.Contains(Text(nodeSummary, "agent_id"), Strings(pythonSummary["received_from"]));
        Assert.Contains(Text(pythonSummary, "agent_id"), Strings(nodeSummary["received_from"]));
        Assert.Contains(Strings(pythonSummary["received_contents"]), c => c.StartsWith(Text(nodeSummary, "agent"), StringComparison.Ordinal));
    }

    [ClientsFact]
    public async Task A_python_agent_and_a_node_agent_each_take_an_agent_task_and_the_workflow_completes_with_their_results()
    {
        var timeout = TestTimeout.After(75);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var definition = $$"""
            id: grpc-relay-{{suffix}}
            steps:
              - id: draft
                kind: agent_task
                capabilities: { py_draft_{{suffix}}: 1.0 }
                input: { text: "${input.text}" }
                timeout: 60s
              - id: polish
                kind: agent_task
                capabilities: { node_polish_{{suffix}}: 1.0 }
                input: "${steps.draft.output}"
                timeout: 60s
            output: { drafted: "${steps.draft.output}", polished: "${steps.polish.output}" }
            """;
        await host.RegisterDefinitionAsync(definition, timeout);
        string[] Arguments(string name, string capability) =>
            ["--grpc", host.GrpcTarget, "--take-tasks", "--name", name, "--capabilities", $"{capability}=0.9", "--max-tasks", "1",
             "--wait", "1", "--timeout", "60", "--heartbeat-interval", "1"];

        var python = ClientProcess.RunAsync(ClientProcess.Python, PythonSample, Arguments(UniqueName("py"), $"py_draft_{suffix}"), output, timeout);
        var node = ClientProcess.RunAsync(ClientProcess.Node, NodeSample, Arguments(UniqueName("node"), $"node_polish_{suffix}"), output, timeout);
        var instance = $"grpc-relay-{suffix}";
        await host.StartWorkflowAsync($"grpc-relay-{suffix}", instance, new { text = "hello over grpc" }, timeout);
        var final = await host.WaitForWorkflowAsync(instance, timeout);
        var (pythonExit, pythonSummary) = await python;
        var (nodeExit, nodeSummary) = await node;

        Assert.Equal("completed", Text(final, "status"));
        Assert.Equal(0, pythonExit);
        Assert.Equal(0, nodeExit);
        Assert.Equal([$"{instance}:draft:1"], Strings(pythonSummary["tasks_done"]));
        Assert.Equal([$"{instance}:polish:1"], Strings(nodeSummary["tasks_done"]));
        Assert.Equal("accepted", pythonSummary["results"]![$"{instance}:draft:1"]!.GetValue<string>());
        Assert.Equal("accepted", nodeSummary["results"]![$"{instance}:polish:1"]!.GetValue<string>());

        // The workflow's output is what the agents posted: Python's result went through Node's step as its input.
        var drafted = final["output"]!["drafted"]!;
        var polished = final["output"]!["polished"]!;
        Assert.Equal("python", Text(drafted, "language"));
        Assert.Equal(Text(pythonSummary, "agent_id"), Text(drafted, "agent"));
        Assert.Equal("hello over grpc", Text(drafted["input"]!, "text"));
        Assert.Equal("node", Text(polished, "language"));
        Assert.Equal(Text(nodeSummary, "agent_id"), Text(polished, "agent"));
        Assert.True(JsonNode.DeepEquals(drafted, polished["input"]), $"node's input {polished["input"]} is python's output {drafted}");
    }

    private static string UniqueName(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Guid.NewGuid():N}")[..20];

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
