using System.Diagnostics.CodeAnalysis;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Runner;

/// <summary>Validates and generates workflow instance ids.</summary>
/// <remarks>An instance id is 1-128 characters of <c>[A-Za-z0-9_.-]</c>, not <c>.</c> or <c>..</c>; so it is a valid
/// actor key and never contains the <c>:</c> that separates the parts of a task id.</remarks>
public static class WorkflowInstanceIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = WorkflowNames.MaxNameLength;

    /// <summary>True when <paramref name="id"/> may name an instance (the rule of <see cref="WorkflowNames.IsValidName"/>).</summary>
    public static bool IsValid([NotNullWhen(true)] string? id) => WorkflowNames.IsValidName(id);

    /// <summary>A new random id (32 lowercase hex digits).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
