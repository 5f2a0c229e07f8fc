using System.Globalization;
using AgentPlatform.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Checks <see cref="WorkflowLimitsOptions"/>, reporting every problem at once.</summary>
public sealed class WorkflowLimitsOptionsValidator : IValidateOptions<WorkflowLimitsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WorkflowLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, nameof(options.MaxDefinitionBytes), options.MaxDefinitionBytes, 1_024, 16 * 1_048_576);
        Check(failures, nameof(options.MaxNestingDepth), options.MaxNestingDepth, 8, ValueTemplate.DepthCeiling);
        Check(failures, nameof(options.MaxStepDepth), options.MaxStepDepth, 1, 16);
        Check(failures, nameof(options.MaxSteps), options.MaxSteps, 1, 100_000);
        Check(failures, nameof(options.MaxNodes), options.MaxNodes, 1_000, 10_000_000);
        Check(failures, nameof(options.MaxYamlAliases), options.MaxYamlAliases, 0, 10_000);
        Check(failures, nameof(options.MaxExpressionLength), options.MaxExpressionLength, 1, ExpressionLimits.LengthCeiling);
        Check(failures, nameof(options.MaxExpressionDepth), options.MaxExpressionDepth, 1, ExpressionLimits.DepthCeiling);
        Check(failures, nameof(options.MaxReferences), options.MaxReferences, 1, 1_000_000);
        Check(failures, nameof(options.MaxReferenceLength), options.MaxReferenceLength, 16, ExpressionLimits.ReferenceLengthCeiling);
        Check(failures, nameof(options.MaxForEachItems), options.MaxForEachItems, 1, 1_000_000);
        Check(failures, nameof(options.MaxPlanTasks), options.MaxPlanTasks, 1, 100_000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture, $"{WorkflowLimitsOptions.SectionName}:{name} must be between {min} and {max} (was {value})."));
        }
    }
}
