using System.Globalization;

namespace AgentPlatform.Workflows.Ids;

/// <summary>The one place that knows the character rules and separators of instance ids, step references and task ids.</summary>
/// <remarks>
/// <code>
/// root-id     = 1*128 ( ALPHA / DIGIT / "_" / "." / "-" ), not "." or ".."
/// step-id     = ( letter / "_" ) *( letter / digit / "_" / "-" )      ; the definition's step id rule
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

    public static bool IsRootId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > WorkflowInstanceId.MaxRootLength || id is "." or "..")
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

    public static bool IsStepId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || !(char.IsLetter(id[0]) || id[0] == '_'))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

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
    public static bool TryParseStepRef(ReadOnlySpan<char> text, out WorkflowStepRef stepRef)
    {
        stepRef = default;
        var open = text.IndexOf(ItemOpen);
        if (open < 0)
        {
            if (!IsStepId(text))
            {
                return false;
            }

            stepRef = new WorkflowStepRef(text.ToString(), null);
            return true;
        }

        if (text[^1] != ItemClose || !IsStepId(text[..open]) || !TryParseNumber(text[(open + 1)..^1], 0, out var item))
        {
            return false;
        }

        stepRef = new WorkflowStepRef(text[..open].ToString(), item);
        return true;
    }

    /// <summary>Parses <c>root-id *( "~" step-ref )</c> within the length limit.</summary>
    public static bool IsInstanceId(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > WorkflowInstanceId.MaxLength)
        {
            return false;
        }

        var separator = text.IndexOf(ChildSeparator);
        if (separator < 0)
        {
            return IsRootId(text);
        }

        if (!IsRootId(text[..separator]))
        {
            return false;
        }

        var rest = text[(separator + 1)..];
        while (true)
        {
            separator = rest.IndexOf(ChildSeparator);
            var segment = separator < 0 ? rest : rest[..separator];
            if (!TryParseStepRef(segment, out _))
            {
                return false;
            }

            if (separator < 0)
            {
                return true;
            }

            rest = rest[(separator + 1)..];
        }
    }
}
