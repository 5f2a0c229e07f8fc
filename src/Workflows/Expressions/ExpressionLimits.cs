namespace AgentPlatform.Workflows.Expressions;

/// <summary>The bounds a condition expression or <c>${...}</c> reference must stay within to be parsed.</summary>
/// <remarks>Every parse is bounded by these values and, whatever they are set to, by the ceilings below, so no text can
/// make the recursive-descent parser or the evaluator run out of stack. Parsing over a bound raises
/// <see cref="ExpressionException"/> whose message names the limit.</remarks>
public sealed record ExpressionLimits
{
    /// <summary>The largest <see cref="MaxDepth"/> that is honoured; deeper settings are clamped to it.</summary>
    public const int DepthCeiling = 128;

    /// <summary>The largest <see cref="MaxLength"/> that is honoured; longer settings are clamped to it.</summary>
    public const int LengthCeiling = 65_536;

    /// <summary>The largest <see cref="MaxReferenceLength"/> that is honoured; longer settings are clamped to it.</summary>
    public const int ReferenceLengthCeiling = 4_096;

    /// <summary>The limits that accept everything the ceilings allow; used where an already validated definition is
    /// parsed again, so a configuration change can never make a registered definition unreadable.</summary>
    public static ExpressionLimits Ceiling { get; } = new() { MaxLength = LengthCeiling, MaxDepth = DepthCeiling, MaxReferenceLength = ReferenceLengthCeiling };

    /// <summary>The longest condition expression, in characters (limit name <c>MaxExpressionLength</c>).</summary>
    public int MaxLength { get; init; } = 4_096;

    /// <summary>How deeply parentheses, <c>not</c> and function calls may nest (limit name <c>MaxExpressionDepth</c>).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The longest reference inside <c>${...}</c>, in characters (limit name <c>MaxReferenceLength</c>).</summary>
    public int MaxReferenceLength { get; init; } = 512;

    internal int EffectiveLength => Math.Clamp(MaxLength, 1, LengthCeiling);

    internal int EffectiveDepth => Math.Clamp(MaxDepth, 1, DepthCeiling);

    internal int EffectiveReferenceLength => Math.Clamp(MaxReferenceLength, 1, ReferenceLengthCeiling);
}
