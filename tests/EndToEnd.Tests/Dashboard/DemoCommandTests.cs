using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dashboard;

public sealed class DemoCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_runs_a_conversation_and_a_workflow_then_points_to_the_dashboard_and_refuses_a_used_data_directory()
    {
        var timeout = TestTimeout.After(90);
        var directory = Path.Combine(Path.GetTempPath(), "agent-platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var dataDirectory = Path.Combine(directory, "data");
            var run = await HostCommand.RunAsync(["demo", "--exit", "--port", "0", "--data-dir", dataDirectory], directory, cancellationToken: timeout);
            output.WriteLine(run.Output);
            output.WriteLine(run.Error);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("🦞 ada: Morning! The nightly import finished", run.Output, StringComparison.Ordinal);
            Assert.Contains("🐙 grace: Thanks.", run.Output, StringComparison.Ordinal);
            foreach (var step in new[] { "gather", "draft", "review" })
            {
                Assert.Contains($"step {step} completed", run.Output, StringComparison.Ordinal);
            }

            Assert.Matches(@"Workflow demo-pipeline \([0-9a-f]+\) completed", run.Output);
            Assert.Matches(@"http://127\.0\.0\.1:\d+/dashboard", run.Output);
            Assert.Contains("#demo-room with the conversation", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("[green]", run.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "platform.db")), "The demo kept no database.");

            var again = await HostCommand.RunAsync(["demo", "--exit", "--port", "0", "--data-dir", dataDirectory], directory, cancellationToken: timeout);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("already holds a platform database", again.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
