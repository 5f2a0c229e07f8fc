using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>The <c>samples/dotnet-host</c> host: a workflow step naming its in-process C# agent runs there.</summary>
public sealed class DotnetHostSampleTests(ITestOutputHelper output)
{
    private const string Definition = """
        id: digest
        steps:
          - id: summarize
            kind: agent_task
            agent: summarizer/main
            input: { text: "${input.text}" }
          - id: again
            kind: agent_task
            agent: summarizer/main
            input: { text: "${input.text}" }
        """;

    private static string SampleAssembly => Path.Combine(
        RepositoryPaths.Root, "samples", "dotnet-host", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.Samples.DotnetHost.dll");

    [Fact]
    public async Task A_step_naming_the_samples_routed_agent_runs_in_the_host_and_records_the_agent()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(SampleAssembly, output, TaskOperator.Settings, timeout);
        using var ops = TaskOperator.For(host);
        await ops.RegisterDefinitionAsync(Definition, timeout);

        await ops.StartAsync("digest", "digest-1", new { text = "the quick brown fox jumps over the lazy dog" }, timeout);
        var final = await ops.WaitAsync("digest-1", timeout);

        Assert.Equal("completed", final["status"]!.GetValue<string>());
        var history = await ops.HistoryAsync("digest-1", timeout);
        var completed = TaskOperator.ResultsByTask(history).Values.Select(Assert.Single).ToList();
        Assert.All(completed, e => Assert.Equal(("task_completed", "summarizer/main"), (e["type"]!.GetValue<string>(), e["agent_id"]!.GetValue<string>())));
        var last = completed.Single(e => e["task_id"]!.GetValue<string>() == "digest-1:again:1")["output"]!;
        Assert.Equal("the quick brown fox jumps ...", last["summary"]!.GetValue<string>());
        Assert.Equal(9, last["words"]!.GetValue<int>());
        Assert.Equal(2, last["summarized_so_far"]!.GetValue<int>());
    }
}
