using System.Diagnostics.CodeAnalysis;

namespace AgentPlatform.Workflows.Runner;

/// <summary>Validates and generates workflow instance ids.</summary>
/// <remarks>An instance id is 1-128 characters of <c>[A-Za-z0-9_.-]</c>, not <c>.</c> or <c>..</c>; so it is a valid
/// actor key and never contains the <c>:</c> that separates the parts of a task id.</remarks>
public static class WorkflowInstanceIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="id"/> may name an instance.</summary>
    public static bool IsValid([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id is "." or "..")
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new random id (32 lowercase hex digits).</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
