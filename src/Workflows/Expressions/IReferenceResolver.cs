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

    /// <summary>The current <c>for_each</c> item, or null outside a <c>for_each</c> copy.</summary>
    JsonElement? Item => null;

    /// <summary>The index of the current <c>for_each</c> item as a JSON number, or null outside a <c>for_each</c> copy.</summary>
    JsonElement? ItemIndex => null;

    /// <summary>The output of task <paramref name="taskId"/> of the same run-time plan, or null when it has not completed
    /// or the reference is not resolved inside a plan.</summary>
    JsonElement? GetTaskOutput(string taskId) => null;
}
