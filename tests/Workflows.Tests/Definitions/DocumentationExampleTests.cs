using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Tests.Decisions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class DocumentationExampleTests
{
    private static string ExampleYaml()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "workflows.md"));
        var start = text.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void The_documented_example_loads_and_runs_to_completion()
    {
        var definition = WorkflowDefinitionLoader.FromYaml(ExampleYaml());
        Assert.Equal(4, definition.Steps.Count);

        var harness = new WorkflowHarness(definition, new { doc = "inv-7", amount = 2500 });
        Assert.Equal("""{"doc":"inv-7","note":"Invoice inv-7 for 2500 EUR"}""", harness.LastScheduled("extract").Input!.Value.GetRawText());
        harness.Complete("extract", new { lines = new[] { 1 } });
        Assert.Equal(StepStatus.Skipped, harness.StatusOf("pause"));
        harness.Raise("approved", new { by = "cfo" });
        harness.Complete("fraud-check", "clean");
        Assert.Equal(StepStatus.Abandoned, harness.StatusOf("hold"));
        Assert.Equal("""{"verdict":{"fraud":"clean"},"approved_by":"cfo"}""", harness.LastScheduled("archive").Input!.Value.GetRawText());
        harness.Complete("archive", "archived");

        Assert.Equal(WorkflowStatus.Completed, harness.Status);
        Assert.Equal("""{"verdict":{"fraud":"clean"},"archived":"archived"}""", harness.State.Output!.Value.GetRawText());
    }
}
