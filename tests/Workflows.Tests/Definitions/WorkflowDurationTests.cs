using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class WorkflowDurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2d", 172_800_000)]
    [InlineData("PT30S", 30_000)]
    [InlineData("P1DT2H", 93_600_000)]
    [InlineData("pt0.5s", 500)]
    public void Compact_and_iso_forms_parse(string text, long milliseconds)
    {
        Assert.True(WorkflowDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("5 minutes")]
    [InlineData("s")]
    [InlineData("PTXS")]
    [InlineData("-5s")]
    [InlineData("10y")]
    public void Anything_else_is_rejected(string text)
    {
        Assert.False(WorkflowDuration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => WorkflowDuration.Parse(text));
    }

    [Theory]
    [InlineData(null, FailureAction.Fail, null)]
    [InlineData("fail", FailureAction.Fail, null)]
    [InlineData("continue", FailureAction.Continue, null)]
    [InlineData("goto:cleanup", FailureAction.Goto, "cleanup")]
    public void Failure_policies_parse(string? text, FailureAction action, string? target)
    {
        Assert.True(FailurePolicy.TryParse(text, out var policy));
        Assert.Equal(new FailurePolicy(action, target), policy);
    }

    [Theory]
    [InlineData("goto:")]
    [InlineData("retry")]
    [InlineData("Fail")]
    public void Unknown_failure_policies_are_rejected(string text) => Assert.False(FailurePolicy.TryParse(text, out _));
}
