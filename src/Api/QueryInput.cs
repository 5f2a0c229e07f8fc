using System.Globalization;

namespace AgentPlatform.Api;

/// <summary>Reads optional whole-number parameters (page sizes, cursors) within bounds; every problem names its field.</summary>
public static class QueryInput
{
    /// <summary>Parses an optional whole-number value within bounds; adds an error naming it otherwise.</summary>
    public static long ParseWhole(string? text, string field, long fallback, long min, long max, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return fallback;
        }

        if (text.Length is 0 or > 19 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new FieldError(field, $"must be a whole number between {min} and {max}"));
            return fallback;
        }

        return value;
    }
}
