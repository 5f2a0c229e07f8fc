using System.Text.Json;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Tests.Expressions;

public sealed class ValueTemplateTests
{
    private static readonly FakeResolver Resolver = new(
        new { doc = "a.pdf", count = 3, flags = new { x = true } },
        new Dictionary<string, object?> { ["extract"] = new { entities = new[] { "p", "q" } } });

    private static string Resolve(string templateJson) =>
        ValueTemplate.Compile(JsonDocument.Parse(templateJson).RootElement).Resolve(Resolver).GetRawText();

    [Theory]
    [InlineData("""{"d":"${input.doc}"}""", """{"d":"a.pdf"}""")]
    [InlineData("""{"n":"${input.count}"}""", """{"n":3}""")]
    [InlineData("""{"e":"${steps.extract.output.entities}"}""", """{"e":["p","q"]}""")]
    [InlineData("""{"f":"${ input.flags }"}""", """{"f":{"x":true}}""")]
    [InlineData("""{"m":"${input.missing}"}""", """{"m":null}""")]
    [InlineData("""["${input.count} of ${input.doc}", "${steps.extract.output.entities[1]}!"]""", """["3 of a.pdf","q!"]""")]
    [InlineData("""{"s":"flags=${input.flags}, none=[${input.missing}]"}""", """{"s":"flags={\"x\":true}, none=[]"}""")]
    [InlineData("""{"lit":"$${input.doc}", "k":{"deep":[1,"${input.doc}"]}}""", """{"lit":"${input.doc}","k":{"deep":[1,"a.pdf"]}}""")]
    [InlineData("""{"plain":[1,2,{"a":"b"}]}""", """{"plain":[1,2,{"a":"b"}]}""")]
    [InlineData("\"${input.doc}\"", "\"a.pdf\"")]
    public void Resolves(string template, string expected) => Assert.Equal(expected, Resolve(template));

    [Theory]
    [InlineData("""{"a":"${input.doc"}""", "not closed")]
    [InlineData("""{"a":"${nope.x}"}""", "references start with 'input', 'steps'")]
    [InlineData("""{"a":"${steps.x}"}""", "expected '.output'")]
    public void Bad_substitutions_are_rejected_at_compile_time(string template, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => ValueTemplate.Compile(JsonDocument.Parse(template).RootElement));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void References_are_listed()
    {
        var template = ValueTemplate.Compile(JsonDocument.Parse("""{"a":"${input.x} ${steps.s.output.y}","b":["${steps.t.error}"]}""").RootElement);
        Assert.Equal(["input.x", "steps.s.output.y", "steps.t.error"], template.References.Select(r => r.Text));
    }
}
