using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Tasks;

/// <summary>The <c>samples/dotnet-host</c> host: workflow steps naming its in-process C# agent, or asking for the capability the
/// agent type declares, run there.</summary>
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
          - id: by-capability
            kind: agent_task
            capabilities: { summarize: 1 }
            input: { text: "${input.text}" }
        """;

    private static string SampleAssembly => Path.Combine(
        RepositoryPaths.Root, "samples", "dotnet-host", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.Samples.DotnetHost.dll");

    [Fact]
    public async Task Steps_naming_the_samples_routed_agent_or_its_capability_run_in_the_host_and_record_the_agent()
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
        Assert.Equal(
            ["summarizer/main", "summarizer/main", "summarizer/default"],
            completed.Select(e => e["type"]!.GetValue<string>() == "task_completed" ? e["agent_id"]!.GetValue<string>() : e["type"]!.GetValue<string>()));
        var last = completed.Single(e => e["task_id"]!.GetValue<string>() == "digest-1:again:1")["output"]!;
        Assert.Equal("the quick brown fox jumps ...", last["summary"]!.GetValue<string>());
        Assert.Equal(9, last["words"]!.GetValue<int>());
        Assert.Equal(2, last["summarized_so_far"]!.GetValue<int>());
    }
}
