namespace AgentPlatform.Workflows.Expressions;

/// <summary>A parsed boolean condition over the workflow input and step values; evaluation never runs code.</summary>
/// <remarks>Semantics: <c>==</c>/<c>!=</c> compare values of any type (different types are unequal; a missing value
/// equals <c>null</c>); ordering operators need two numbers or two strings (ordinal); <c>and</c>/<c>or</c>/<c>not</c>
/// need booleans and short-circuit; <c>exists(ref)</c> is true when the reference resolves to a non-null value;
/// <c>length(x)</c> counts string characters, array items or object properties, and is 0 for missing/null.
/// Type errors raise <see cref="ExpressionException"/>.</remarks>
public sealed class ConditionExpression
{
    private readonly ExpressionNode _root;

    private ConditionExpression(string text, ExpressionNode root, IReadOnlyList<Reference> references)
    {
        Text = text;
        _root = root;
        References = references;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Every reference the expression reads, in source order.</summary>
    public IReadOnlyList<Reference> References { get; }

    /// <summary>Parses <paramref name="text"/> within <see cref="ExpressionLimits.Ceiling"/>, for text that was already
    /// validated against the configured limits.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression.</exception>
    public static ConditionExpression Parse(string text) => Parse(text, ExpressionLimits.Ceiling);

    /// <summary>Parses <paramref name="text"/> within <paramref name="limits"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression or exceeds a limit (the message names it).</exception>
    public static ConditionExpression Parse(string text, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var root = new ExpressionParser(text, limits.EffectiveLength, limits.EffectiveDepth, "MaxExpressionLength").ParseWholeExpression();
        var references = new List<Reference>();
        root.CollectReferences(references);
        return new ConditionExpression(text, root, references);
    }

    /// <summary>Evaluates the condition; it must produce a boolean.</summary>
    /// <exception cref="ExpressionException">A type error, or a non-boolean result.</exception>
    public bool Evaluate(IReferenceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var value = _root.Evaluate(resolver);
        return value.Kind == ExpressionValueKind.Boolean
            ? value.Boolean
            : throw new ExpressionException($"the condition produced {value.Describe()}, not a boolean", -1);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
