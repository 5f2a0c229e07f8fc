using System.Text.Json;
using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Tests.Expressions;

internal sealed class FakeResolver(object? input, Dictionary<string, object?>? outputs = null) : IReferenceResolver
{
    public JsonElement? Input { get; } = input is null ? null : JsonSerializer.SerializeToElement(input);

    public JsonElement? GetStepValue(string stepId, StepField field) =>
        field == StepField.Output && outputs is not null && outputs.TryGetValue(stepId, out var value)
            ? JsonSerializer.SerializeToElement(value)
            : field == StepField.Status ? JsonSerializer.SerializeToElement(outputs?.ContainsKey(stepId) == true ? "completed" : "pending") : null;
}
