using System.Globalization;
using AgentPlatform.Workflows.Definitions;

namespace AgentPlatform.Workflows.Ids;

/// <summary>The one place that knows the character rules and separators of instance ids, step references and task ids.</summary>
/// <remarks>
/// <code>
/// root-id     = 1*128 ( ALPHA / DIGIT / "_" / "." / "-" ), not "." or ".."   ; WorkflowNames.IsValidName
/// step-id     = 1*64 ( letter / "_" ) *( letter / digit / "_" / "-" )     ; WorkflowNames.IsValidStepId
/// item        = "0" / ( %x31-39 *DIGIT )                                ; a for_each item index, no leading zeros
/// step-ref    = step-id [ "[" item "]" ]
/// instance-id = root-id *( "~" step-ref )                               ; at most 256 characters in all
/// task-id     = instance-id ":" step-ref ":" attempt                    ; attempt = %x31-39 *DIGIT
/// </code>
/// None of <c>~ [ ] :</c> can occur in a root id or a step id, so every part is found by its separator alone.
/// </remarks>
internal static class WorkflowIdGrammar
{
    public const char ChildSeparator = '~';
    public const char TaskSeparator = ':';
    public const char ItemOpen = '[';
    public const char ItemClose = ']';

    /// <summary>A root id follows the rule of definition ids and event names (<see cref="WorkflowNames.IsValidName"/>).</summary>
    public static bool IsRootId(string id) => id.Length <= WorkflowInstanceId.MaxRootLength && WorkflowNames.IsValidName(id);

    /// <summary>A step reference names a step by the definition's own rule (<see cref="WorkflowNames.IsValidStepId"/>).</summary>
    public static bool IsStepId(string id) => WorkflowNames.IsValidStepId(id);

    /// <summary>Parses a positive or non-negative decimal without sign, leading zeros or white space.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, int minimum, out int value)
    {
        value = 0;
        if (text.IsEmpty || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum;
    }

    /// <summary>Parses <c>step-id [ "[" item "]" ]</c>.</summary>
    public static bool TryParseStepRef(string text, out WorkflowStepRef stepRef)
    {
        stepRef = default;
        var open = text.IndexOf(ItemOpen, StringComparison.Ordinal);
        if (open < 0)
        {
            if (!IsStepId(text))
            {
                return false;
            }

            stepRef = new WorkflowStepRef(text, null);
            return true;
        }

        var stepId = text[..open];
        if (text[^1] != ItemClose || !IsStepId(stepId) || !TryParseNumber(text.AsSpan(open + 1, text.Length - open - 2), 0, out var item))
        {
            return false;
        }

        stepRef = new WorkflowStepRef(stepId, item);
        return true;
    }

    /// <summary>Parses <c>root-id *( "~" step-ref )</c> within the length limit.</summary>
    public static bool IsInstanceId(string text)
    {
        if (text.Length is 0 or > WorkflowInstanceId.MaxLength)
        {
            return false;
        }

        var parts = text.Split(ChildSeparator);
        if (!IsRootId(parts[0]))
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (!TryParseStepRef(parts[i], out _))
            {
                return false;
            }
        }

        return true;
    }
}
