using System.Text;
using System.Text.Json;

namespace AgentPlatform.Workflows.Expressions;

/// <summary>A parsed reference such as <c>input.doc</c> or <c>steps.extract.output.entities[0]</c>.</summary>
public sealed class Reference
{
    internal Reference(ReferenceRoot root, string? stepId, StepField field, IReadOnlyList<PathSegment> path, string text)
    {
        Root = root;
        StepId = stepId;
        Field = field;
        Path = path;
        Text = text;
    }

    /// <summary>What the reference starts from.</summary>
    public ReferenceRoot Root { get; }

    /// <summary>The step id for <see cref="ReferenceRoot.Step"/> references, the task id for <see cref="ReferenceRoot.Task"/>.</summary>
    public string? StepId { get; }

    /// <summary>The step field for <see cref="ReferenceRoot.Step"/> references.</summary>
    public StepField Field { get; }

    /// <summary>The navigation after the root (and step field).</summary>
    public IReadOnlyList<PathSegment> Path { get; }

    /// <summary>The reference as written.</summary>
    public string Text { get; }

    /// <summary>Parses a bare reference (no <c>${}</c>) within <see cref="ExpressionLimits.Ceiling"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a reference.</exception>
    public static Reference Parse(string text) => Parse(text, ExpressionLimits.Ceiling);

    /// <summary>Parses a bare reference (no <c>${}</c>) no longer than <see cref="ExpressionLimits.MaxReferenceLength"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a reference or is too long (the message names the limit).</exception>
    public static Reference Parse(string text, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var parser = new ExpressionParser(text, limits.EffectiveReferenceLength, limits.EffectiveDepth, "MaxReferenceLength");
        return parser.ParseWholeReference();
    }

    /// <summary>Resolves the reference; null when any part is missing or of the wrong shape.</summary>
    public JsonElement? Resolve(IReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var current = Root switch
        {
            ReferenceRoot.Input => resolver.Input,
            ReferenceRoot.Item => resolver.Item,
            ReferenceRoot.ItemIndex => resolver.ItemIndex,
            ReferenceRoot.Task => resolver.GetTaskOutput(StepId!),
            _ => resolver.GetStepValue(StepId!, Field),
        };
        for (var i = 0; i < Path.Count && current is { } value; i++)
        {
            var segment = Path[i];
            if (segment.Property is { } name)
            {
                current = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var child) ? child : null;
            }
            else
            {
                current = value.ValueKind == JsonValueKind.Array && segment.Index < value.GetArrayLength() ? value[segment.Index] : null;
            }
        }

        return current;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    internal static string Describe(ReferenceRoot root, string? stepId, StepField field, IReadOnlyList<PathSegment> path)
    {
        var builder = new StringBuilder(root switch
        {
            ReferenceRoot.Input => "input",
            ReferenceRoot.Item => "item",
            ReferenceRoot.ItemIndex => "item_index",
            ReferenceRoot.Task => $"tasks.{stepId}.output",
            _ => $"steps.{stepId}.{field.ToString().ToLowerInvariant()}",
        });
        foreach (var segment in path)
        {
            builder.Append(segment.ToString());
        }

        return builder.ToString();
    }
}
