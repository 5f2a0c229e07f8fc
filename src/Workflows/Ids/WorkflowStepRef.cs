using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentPlatform.Workflows.Ids;

/// <summary>Names a step, or one item of a <c>for_each</c> step, inside task ids and child instance ids:
/// <c>{step}</c> or <c>{step}[{item}]</c>.</summary>
/// <remarks>The grammar is in <see cref="WorkflowInstanceId"/>'s remarks and <c>docs/workflows-operations.md</c>.</remarks>
public readonly record struct WorkflowStepRef
{
    internal WorkflowStepRef(string stepId, int? item)
    {
        StepId = stepId;
        Item = item;
    }

    /// <summary>The step id, as in the definition.</summary>
    public string StepId { get; }

    /// <summary>The zero-based index of the <c>for_each</c> item, or null for a plain step.</summary>
    public int? Item { get; }

    /// <summary>Creates a validated reference.</summary>
    /// <param name="stepId">A step id: a letter or <c>_</c>, then letters, digits, <c>_</c> and <c>-</c>.</param>
    /// <param name="item">The <c>for_each</c> item index (from 0), or null.</param>
    /// <exception cref="ArgumentException">The step id breaks the rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The item is negative.</exception>
    public static WorkflowStepRef Create(string stepId, int? item = null)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        if (!WorkflowIdGrammar.IsStepId(stepId))
        {
            throw new ArgumentException($"'{stepId}' is not a step id: start with a letter or '_', then letters, digits, '_' or '-'.", nameof(stepId));
        }

        if (item is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(item), item, "An item index is 0 or more.");
        }

        return new WorkflowStepRef(stepId, item);
    }

    /// <summary>Parses <c>{step}</c> or <c>{step}[{item}]</c>.</summary>
    /// <exception cref="FormatException">The text is not a step reference.</exception>
    public static WorkflowStepRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var stepRef) ? stepRef : throw new FormatException($"'{text}' is not a step reference of the form step or step[item].");
    }

    /// <summary>Parses <c>{step}</c> or <c>{step}[{item}]</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkflowStepRef stepRef)
    {
        stepRef = default;
        return text is not null && WorkflowIdGrammar.TryParseStepRef(text, out stepRef);
    }

    /// <summary>The wire form, <c>{step}</c> or <c>{step}[{item}]</c>.</summary>
    public override string ToString() => Item is { } item
        ? string.Create(CultureInfo.InvariantCulture, $"{StepId}{WorkflowIdGrammar.ItemOpen}{item}{WorkflowIdGrammar.ItemClose}")
        : StepId ?? "";
}
