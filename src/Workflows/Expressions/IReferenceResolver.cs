using System.Text.Json;

namespace AgentPlatform.Workflows.Expressions;

/// <summary>Supplies the base values references navigate from.</summary>
public interface IReferenceResolver
{
    /// <summary>The workflow input, or null when there is none.</summary>
    JsonElement? Input { get; }

    /// <summary>The value of <c>steps.&lt;stepId&gt;.&lt;field&gt;</c>, or null when it is missing
    /// (for example the output of a step that has not completed).</summary>
    JsonElement? GetStepValue(string stepId, StepField field);
}
