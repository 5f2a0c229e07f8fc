using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Ids;

public sealed class WorkflowTaskIdTests
{
    [Theory]
    [InlineData("rec-1:extract:1", "rec-1", "extract", null, 1)]
    [InlineData("a.b:step_2:12", "a.b", "step_2", null, 12)]
    [InlineData("inv-7:review[0]:1", "inv-7", "review", 0, 1)]
    [InlineData("inv-7:review[41]:3", "inv-7", "review", 41, 3)]
    [InlineData("team-1~plan:draft:2", "team-1~plan", "draft", null, 2)]
    [InlineData("team-1~fan[3]~sub:write[12]:1", "team-1~fan[3]~sub", "write", 12, 1)]
    public void Parses_the_documented_examples(string text, string instance, string step, int? item, int attempt)
    {
        var id = WorkflowTaskId.Parse(text);

        Assert.Equal(instance, id.InstanceId.Value);
        Assert.Equal(step, id.Step.StepId);
        Assert.Equal(item, id.Step.Item);
        Assert.Equal(attempt, id.Attempt);
        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void Every_generated_id_round_trips_through_its_wire_form()
    {
        for (var seed = 0; seed < 2000; seed++)
        {
            var random = new RandomIds(seed);
            var id = WorkflowTaskId.Create(random.Instance(), random.StepRef(), random.Attempt());

            var text = id.ToString();
            var parsed = WorkflowTaskId.Parse(text);

            Assert.Equal(id, parsed);
            Assert.Equal(text, parsed.ToString());
            Assert.Equal(2, text.Count(c => c == ':'));
        }
    }

    [Fact]
    public void Format_builds_what_parse_reads_for_a_plain_step()
    {
        var text = WorkflowTaskId.Format(WorkflowInstanceId.Create("rec-1"), "extract", 2);

        Assert.Equal("rec-1:extract:2", text);
        Assert.Equal(WorkflowTaskId.Create(WorkflowInstanceId.Create("rec-1"), WorkflowStepRef.Create("extract"), 2), WorkflowTaskId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("::")]
    [InlineData("a:b")]
    [InlineData("a::1")]
    [InlineData(":b:1")]
    [InlineData("a:b:")]
    [InlineData("a:b:0")]
    [InlineData("a:b:-1")]
    [InlineData("a:b:+1")]
    [InlineData("a:b:01")]
    [InlineData("a:b: 1")]
    [InlineData("a:b:1x")]
    [InlineData("a:b:99999999999")]
    [InlineData("a:b:c:1")]
    [InlineData("a:1b:1")]
    [InlineData("a:b.c:1")]
    [InlineData("a:b[]:1")]
    [InlineData("a:b[01]:1")]
    [InlineData("a:b[-1]:1")]
    [InlineData("a:b[1:1")]
    [InlineData("a:b1]:1")]
    [InlineData("a:b[1][2]:1")]
    [InlineData("a:b[1]x:1")]
    [InlineData("a b:c:1")]
    [InlineData("..:b:1")]
    [InlineData("a~:b:1")]
    [InlineData("~a:b:1")]
    [InlineData("a~1x:b:1")]
    [InlineData("a/b:c:1")]
    public void Rejects_malformed_ids(string text)
    {
        Assert.False(WorkflowTaskId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => WorkflowTaskId.Parse(text));
    }

    [Fact]
    public void Rejects_null_and_default_parts()
    {
        Assert.False(WorkflowTaskId.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowTaskId.Create(WorkflowInstanceId.Create("a"), WorkflowStepRef.Create("b"), 0));
        Assert.Throws<ArgumentException>(() => WorkflowTaskId.Create(default, WorkflowStepRef.Create("b"), 1));
        Assert.Throws<ArgumentException>(() => WorkflowTaskId.Format(WorkflowInstanceId.Create("a"), "b:c", 1));
    }
}
