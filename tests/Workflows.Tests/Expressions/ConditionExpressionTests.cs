using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Tests.Expressions;

public sealed class ConditionExpressionTests
{
    private static readonly FakeResolver Resolver = new(
        new { amount = 1500, name = "acme", tags = new[] { "a", "b" }, nested = new { ok = true }, nothing = (string?)null, weird_key = 1 },
        new Dictionary<string, object?> { ["extract"] = new { entities = new[] { new { kind = "org" } }, score = 0.75 }, ["extract-2"] = "text" });

    [Theory]
    [InlineData("input.amount > 1000", true)]
    [InlineData("input.amount <= 1000", false)]
    [InlineData("input.amount == 1500.0", true)]
    [InlineData("input.amount != 1500", false)]
    [InlineData("input.name == 'acme'", true)]
    [InlineData("input.name == \"acme\"", true)]
    [InlineData("input.name < 'b'", true)]
    [InlineData("input.name == 1", false)]
    [InlineData("input.nested.ok", true)]
    [InlineData("input.nested.ok == true and not (input.amount < 0)", true)]
    [InlineData("input.missing == null", true)]
    [InlineData("input.nothing == null", true)]
    [InlineData("exists(input.nothing)", false)]
    [InlineData("exists(input.missing) or exists(input.tags)", true)]
    [InlineData("length(input.tags) == 2", true)]
    [InlineData("length(input.name) == 4", true)]
    [InlineData("length(input.missing) == 0", true)]
    [InlineData("length(input.nested) == 1", true)]
    [InlineData("input.tags[1] == 'b'", true)]
    [InlineData("input.tags[5] == null", true)]
    [InlineData("input['weird_key'] == 1", true)]
    [InlineData("steps.extract.output.entities[0].kind == 'org'", true)]
    [InlineData("steps.extract.output.score >= 0.75 && steps.extract.output.score < -1 || true", true)]
    [InlineData("!(steps.extract-2.output == 'text')", false)]
    [InlineData("steps.extract.status == 'completed'", true)]
    [InlineData("steps.other.status == 'pending'", true)]
    [InlineData("exists(steps.other.output)", false)]
    [InlineData("input.tags == input.tags", true)]
    [InlineData("false or false or true", true)]
    [InlineData("true and false", false)]
    [InlineData("not not true", true)]
    [InlineData("1e3 == 1000", true)]
    public void Evaluates(string text, bool expected) =>
        Assert.Equal(expected, ConditionExpression.Parse(text).Evaluate(Resolver));

    [Fact]
    public void And_and_or_short_circuit()
    {
        Assert.False(ConditionExpression.Parse("false and input.name > 1").Evaluate(Resolver));
        Assert.True(ConditionExpression.Parse("true or input.name > 1").Evaluate(Resolver));
    }

    [Theory]
    [InlineData("input.name > 1", "cannot order")]
    [InlineData("input.amount and true", "'and' needs booleans")]
    [InlineData("input.amount", "not a boolean")]
    [InlineData("length(input.amount) > 0", "length() needs")]
    public void Type_errors_raise_at_evaluation(string text, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Parse(text).Evaluate(Resolver));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("", "empty expression", 0)]
    [InlineData("input.amount >", "unexpected end", 14)]
    [InlineData("input.amount = 1", "unexpected character '='", 13)]
    [InlineData("(input.a", "expected ')'", 8)]
    [InlineData("foo == 1", "unknown name 'foo'", 0)]
    [InlineData("steps.a.result", "unknown step field 'result'", 8)]
    [InlineData("steps.a", "expected '.output'", 7)]
    [InlineData("exists(1)", "exists() takes a reference", 7)]
    [InlineData("input[-1]", "non-negative integer", 6)]
    [InlineData("'open", "unterminated string", 0)]
    [InlineData("input.a == 1 1", "expected end of expression", 13)]
    [InlineData("System.IO.File.Delete('x')", "unknown name 'System'", 0)]
    public void Syntax_errors_carry_the_position(string text, string message, int position)
    {
        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Parse(text));
        Assert.Contains(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void References_are_listed_for_validation()
    {
        var expression = ConditionExpression.Parse("exists(steps.a.output.x) and length(input.list) > steps.b.output[0]");
        Assert.Equal(["steps.a.output.x", "input.list", "steps.b.output[0]"], expression.References.Select(r => r.Text));
        Assert.Equal(["a", null, "b"], expression.References.Select(r => r.StepId));
    }
}
