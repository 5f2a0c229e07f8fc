using AgentPlatform.AgentHost.Workflows;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Hosting;

public sealed class WorkflowEngineSelectionTests
{
    [Fact]
    public async Task The_dapr_engine_in_embedded_mode_fails_start_up_in_one_line_naming_both_settings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string> { ["Workflows:Engine"] = "dapr" }));

        var message = Assert.Single(error.Failures);
        Assert.Contains("Workflows:Engine is 'dapr', but Runtime:Mode is 'embedded'", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Embedded_mode_runs_the_actor_engine_by_default()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>());

        Assert.IsType<WorkflowService>(host.Services.GetRequiredService<IWorkflowClient>());
    }

    [Theory]
    [InlineData("embedded", null, true, "actors")]
    [InlineData("embedded", "actors", true, "actors")]
    [InlineData("embedded", "dapr", false, "dapr")]
    [InlineData("dapr", null, true, "dapr")]
    [InlineData("dapr", "Actors", true, "actors")]
    [InlineData("dapr", "temporal", false, "temporal")]
    public void The_engine_defaults_by_mode_and_wrong_combinations_are_refused(string mode, string? engine, bool valid, string effective)
    {
        var options = new WorkflowEngineOptions { Engine = engine };

        var result = new WorkflowEngineOptionsValidator(mode).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(effective, options.EffectiveEngine(mode));
    }
}
