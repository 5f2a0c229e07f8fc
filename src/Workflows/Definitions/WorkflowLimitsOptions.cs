using AgentPlatform.Workflows.Expressions;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Bounds on the size and shape of a workflow definition, checked when it is loaded and validated.</summary>
/// <remarks>Definitions come from operators today and from agents and planners later, so they are untrusted input: each
/// bound keeps one request from exhausting the stack or the memory of the host. A definition over a bound is refused
/// with a <see cref="WorkflowDefinitionException"/> whose message names the bound (for example
/// <c>MaxExpressionDepth</c>). The defaults leave room for generated plans of 5,000 steps. Bounds that protect the
/// stack are also clamped to fixed ceilings (<see cref="ExpressionLimits"/>, <see cref="ValueTemplate.DepthCeiling"/>),
/// so even a misconfiguration cannot make a parser overflow.</remarks>
public sealed class WorkflowLimitsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Workflows:Limits";

    /// <summary>The largest definition text in UTF-8 bytes (1 KiB to 16 MiB; default 1 MiB, about 5,000 steps of
    /// 200 bytes). Over HTTP a larger body is answered 413.</summary>
    public int MaxDefinitionBytes { get; set; } = 1_048_576;

    /// <summary>How deeply JSON objects and arrays (or YAML mappings and sequences) may nest, counting the definition
    /// itself as 1 (8 to 64; default 64, System.Text.Json's own default, which also bounds stored definitions).</summary>
    public int MaxNestingDepth { get; set; } = 64;

    /// <summary>How deeply step lists may nest inside <c>condition</c> and <c>parallel</c> steps; the top level is 1
    /// (1 to 16; default 8).</summary>
    public int MaxStepDepth { get; set; } = 8;

    /// <summary>The most steps in one definition, counting nested steps (1 to 100,000; default 10,000: twice a plan of
    /// 5,000 items).</summary>
    public int MaxSteps { get; set; } = 10_000;

    /// <summary>The most JSON values (objects, arrays, scalars) in one definition after YAML aliases are expanded
    /// (1,000 to 10,000,000; default 250,000).</summary>
    public int MaxNodes { get; set; } = 250_000;

    /// <summary>The most YAML aliases (<c>*name</c>) in one definition (0 to 10,000; default 100). Every expansion also
    /// counts against <see cref="MaxNodes"/>, so aliases cannot amplify a small text into a huge tree.</summary>
    public int MaxYamlAliases { get; set; } = 100;

    /// <summary>The longest <c>if</c> expression in characters (1 to 65,536; default 4,096).</summary>
    public int MaxExpressionLength { get; set; } = 4_096;

    /// <summary>How deeply parentheses, <c>not</c> and <c>length(...)</c> may nest in an expression (1 to 128; default 32).</summary>
    public int MaxExpressionDepth { get; set; } = 32;

    /// <summary>The most references (<c>${...}</c> substitutions and references in expressions) in one definition
    /// (1 to 1,000,000; default 50,000).</summary>
    public int MaxReferences { get; set; } = 50_000;

    /// <summary>The longest reference inside <c>${...}</c> in characters (16 to 4,096; default 512).</summary>
    public int MaxReferenceLength { get; set; } = 512;

    /// <summary>The most items a <c>parallel</c> step's <c>for_each</c> may fan out over at run time (1 to 1,000,000;
    /// default 10,000); a larger array fails the step with a message naming this limit.</summary>
    public int MaxForEachItems { get; set; } = 10_000;

    /// <summary>The most tasks a run-time plan of a <c>plan</c> step may hold (1 to 100,000; default 5,000); a larger
    /// plan is an <c>invalid_plan</c> naming this limit.</summary>
    public int MaxPlanTasks { get; set; } = 5_000;

    /// <summary>The limits of expressions and references derived from these options.</summary>
    public ExpressionLimits ToExpressionLimits() => new()
    {
        MaxLength = MaxExpressionLength,
        MaxDepth = MaxExpressionDepth,
        MaxReferenceLength = MaxReferenceLength,
    };
}
