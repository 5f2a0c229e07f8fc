using System.Text.Json;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Tests.Definitions;

public sealed class WorkflowInputValidatorTests
{
    private static readonly WorkflowDefinition Definition = WorkflowDefinitionLoader.FromYaml(WorkflowDefinitionLoaderTests.Yaml);

    [Fact]
    public void A_matching_input_has_no_problems() =>
        Assert.Empty(WorkflowInputValidator.Validate(Definition, JsonSerializer.SerializeToElement(new { doc = "a", amount = 3.5, extra = 1 })));

    [Fact]
    public void Missing_required_fields_and_wrong_types_are_reported()
    {
        var problems = WorkflowInputValidator.Validate(Definition, JsonSerializer.SerializeToElement(new { amount = "lots" }));
        Assert.Equal(["input.doc: is required", "input.amount: must be of type number, got string"], problems.Select(p => p.ToString()));
        Assert.Equal("input: must be an object", Assert.Single(WorkflowInputValidator.Validate(Definition, JsonSerializer.SerializeToElement(5))).ToString());
        Assert.Equal("input.doc: is required", Assert.Single(WorkflowInputValidator.Validate(Definition, null)).ToString());
    }
}
