using System.Text.Json;
using AgentPlatform.TestKit;
using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Dapr.Tests.Conformance;

public abstract partial class EngineConformanceTests
{
    private const string ApprovalDefinition = """
        id: guarded
        steps:
          - id: approve
            kind: wait
            event:
              name: approved
              approvers: [operator, manager, agt_0123456789abcdef0123]
              timeout: 300ms
              timeout_output: { approved: false, by: nobody }
          - { id: act, kind: agent_task, agent: worker, input: "${steps.approve.output.approved}" }
        """;

    [Fact]
    public async Task An_approval_whose_timeout_passes_completes_with_its_default_outcome()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, ApprovalDefinition);

        var final = await RunAsync(engine, "guarded", "approval-timeout-1");

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        var approve = final.Steps.Single(s => s.StepId == "approve");
        Assert.Equal(StepStatus.Completed, approve.Status);
        Assert.Equal("nobody", approve.Output!.Value.GetProperty("by").GetString());
        Assert.True(approve.EndedAt - approve.StartedAt >= TimeSpan.FromMilliseconds(300));
        Assert.Equal("false", final.Steps.Single(s => s.StepId == "act").Output!.Value.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task An_approval_raised_in_time_wins_over_the_default_and_its_approvers_are_kept_with_the_definition()
    {
        await using var engine = await StartAsync();
        await RegisterAsync(engine, ApprovalDefinition.Replace("timeout: 300ms", "timeout: 30s", StringComparison.Ordinal));
        await StartInstanceAsync(engine, "guarded", "approval-1");
        await UntilAsync(engine, "approval-1", s => s.CurrentSteps.Contains("approve"));

        await engine.Workflows.RaiseEventAsync(Id("approval-1"), "approved", JsonSerializer.SerializeToElement(new { approved = true }), TestTimeout.After());
        var final = await engine.Workflows.WaitForCompletionAsync(Id("approval-1"), TestTimeout.After());
        var definition = await engine.Workflows.GetDefinitionAsync("guarded", final.DefinitionVersion, TestTimeout.After());

        Assert.Equal(WorkflowStatus.Completed, final.Status);
        Assert.Equal("true", final.Steps.Single(s => s.StepId == "act").Output!.Value.GetProperty("input").GetRawText());
        Assert.Equal(["agt_0123456789abcdef0123", "manager", "operator"], WaitApprovers.Of(definition!, "approved")!.Order(StringComparer.Ordinal));
        Assert.Null(WaitApprovers.Of(definition!, "other"));
    }
}
