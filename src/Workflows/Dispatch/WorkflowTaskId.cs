using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentPlatform.Workflows.Dispatch;

/// <summary>Formats and parses task ids of the form <c>{instance}:{step}:{attempt}</c>.</summary>
/// <remarks>Instance ids never contain <c>:</c> (see <see cref="Runner.WorkflowInstanceIds"/>), so the instance is the
/// text before the first colon and the attempt the number after the last one.</remarks>
public static class WorkflowTaskId
{
    /// <summary>Builds the id of one attempt.</summary>
    public static string Format(string instanceId, string stepId, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{instanceId}:{stepId}:{attempt}");

    /// <summary>Splits a task id into its parts; false when it is not of the form <c>{instance}:{step}:{attempt}</c>.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? taskId,
        [NotNullWhen(true)] out string? instanceId,
        [NotNullWhen(true)] out string? stepId,
        out int attempt)
    {
        instanceId = null;
        stepId = null;
        attempt = 0;
        if (taskId is null)
        {
            return false;
        }

        var first = taskId.IndexOf(':', StringComparison.Ordinal);
        var last = taskId.LastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == taskId.Length - 1)
        {
            return false;
        }

        if (!int.TryParse(taskId.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out attempt) || attempt < 1)
        {
            attempt = 0;
            return false;
        }

        instanceId = taskId[..first];
        stepId = taskId[(first + 1)..last];
        return true;
    }
}
