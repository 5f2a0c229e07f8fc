using System.Text.Json;
using AgentPlatform.Workflows.Definitions;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Ids;

public sealed class WorkflowInstanceIdTests
{
    [Fact]
    public void A_child_id_names_its_parent_and_the_step_that_started_it()
    {
        var root = WorkflowInstanceId.Create("order-7");
        var child = root.Child(WorkflowStepRef.Create("fan", 3)).Child(WorkflowStepRef.Create("review"));

        Assert.Equal("order-7~fan[3]~review", child.ToString());
        Assert.True(child.IsChild);
        Assert.Equal("order-7~fan[3]", child.Parent!.Value.Value);
        Assert.Equal(WorkflowStepRef.Create("review"), child.ParentStep);
        Assert.Equal(WorkflowStepRef.Create("fan", 3), child.Parent.Value.ParentStep);
        Assert.Equal(root, child.Root);
        Assert.Equal(root, child.Parent.Value.Parent);
        Assert.False(root.IsChild);
        Assert.Null(root.Parent);
        Assert.Null(root.ParentStep);
        Assert.Equal(child, WorkflowInstanceId.Parse(child.ToString()));
    }

    [Fact]
    public void Every_generated_id_round_trips_through_its_wire_form_and_json()
    {
        for (var seed = 0; seed < 2000; seed++)
        {
            var id = new RandomIds(seed).Instance();

            Assert.Equal(id, WorkflowInstanceId.Parse(id.ToString()));
            Assert.Equal(id.IsChild, id.Parent is not null);
            if (id.Parent is { } parent)
            {
                Assert.Equal(id, parent.Child(id.ParentStep!.Value));
            }

            var json = JsonSerializer.Serialize(id, WorkflowJson.Options);
            Assert.Equal(JsonSerializer.Serialize(id.Value), json);
            Assert.Equal(id, JsonSerializer.Deserialize<WorkflowInstanceId>(json, WorkflowJson.Options));
        }
    }

    [Fact]
    public void New_ids_are_valid_roots()
    {
        var id = WorkflowInstanceId.New();

        Assert.Equal(32, id.Value.Length);
        Assert.True(WorkflowInstanceId.IsValidRoot(id.Value));
        Assert.NotEqual(id, WorkflowInstanceId.New());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a~")]
    [InlineData("~a")]
    [InlineData("a~~b")]
    [InlineData("a~1b")]
    [InlineData("a~b.c")]
    [InlineData("a~b[]")]
    [InlineData("a~b[01]")]
    [InlineData("a~b[x]")]
    [InlineData("a[1]")]
    [InlineData("é")]
    [InlineData("a~and")]
    public void Rejects_malformed_ids(string text)
    {
        Assert.False(WorkflowInstanceId.TryParse(text, out _));
        Assert.False(WorkflowInstanceId.IsValid(text));
        Assert.Throws<FormatException>(() => WorkflowInstanceId.Parse(text));
        Assert.Throws<ArgumentException>(() => WorkflowInstanceId.Create(text));
    }

    [Fact]
    public void Enforces_the_length_limits()
    {
        var longest = new string('r', WorkflowInstanceId.MaxRootLength);
        Assert.True(WorkflowInstanceId.IsValidRoot(longest));
        Assert.False(WorkflowInstanceId.IsValidRoot(longest + "r"));

        var child = WorkflowInstanceId.Create(longest)
            .Child(WorkflowStepRef.Create(new string('s', 64)))
            .Child(WorkflowStepRef.Create(new string('t', WorkflowInstanceId.MaxLength - longest.Length - 66)));
        Assert.Equal(WorkflowInstanceId.MaxLength, child.Value.Length);
        Assert.Throws<ArgumentException>(() => child.Child(WorkflowStepRef.Create("s")));
        Assert.False(WorkflowInstanceId.IsValid(child.Value + "s"));
    }

    [Fact]
    public void TryChild_forms_the_child_id_while_it_fits_and_refuses_one_character_more()
    {
        var parent = WorkflowInstanceId.Create(new string('r', WorkflowInstanceId.MaxRootLength)).Child(WorkflowStepRef.Create(new string('s', 64)));
        var room = WorkflowInstanceId.MaxLength - parent.Value.Length - 1;

        Assert.True(parent.TryChild(WorkflowStepRef.Create(new string('t', room)), out var child));
        Assert.Equal(parent.Child(WorkflowStepRef.Create(new string('t', room))), child);
        Assert.Equal(WorkflowInstanceId.MaxLength, child.Value.Length);

        Assert.False(parent.TryChild(WorkflowStepRef.Create(new string('t', room + 1)), out var tooLong));
        Assert.Equal(default, tooLong);
    }

    [Fact]
    public void A_child_id_is_not_a_root_a_caller_may_choose()
    {
        Assert.True(WorkflowInstanceId.IsValid("a~b"));
        Assert.False(WorkflowInstanceId.IsValidRoot("a~b"));
        Assert.Throws<ArgumentException>(() => WorkflowInstanceId.Create("a~b"));
    }

    [Fact]
    public void Reading_an_invalid_id_from_json_fails()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkflowInstanceId>("\"a:b\"", WorkflowJson.Options));
    }
}
