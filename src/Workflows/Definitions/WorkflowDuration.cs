using System.Globalization;
using System.Xml;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>Parses durations: compact form (<c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, combinable as
/// <c>1h30m</c>) or ISO 8601 (<c>PT30S</c>, <c>P1DT2H</c>).</summary>
public static class WorkflowDuration
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a non-negative duration in either form.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text[0] is 'P' or 'p')
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                return duration >= TimeSpan.Zero;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return TryParseCompact(text, out duration);
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not a duration (use 30s, 5m, 1h30m or PT30S).");

    private static bool TryParseCompact(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var position = 0;
        var any = false;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
            {
                position++;
            }

            if (position == start || !double.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unitStart = position;
            while (position < text.Length && char.IsAsciiLetter(text[position]))
            {
                position++;
            }

            var unitMilliseconds = text.AsSpan(unitStart, position - unitStart) switch
            {
                "ms" => 1d,
                "s" => 1000d,
                "m" => 60_000d,
                "h" => 3_600_000d,
                "d" => 86_400_000d,
                _ => double.NaN,
            };
            if (double.IsNaN(unitMilliseconds))
            {
                return false;
            }

            var milliseconds = amount * unitMilliseconds;
            if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds - duration.TotalMilliseconds)
            {
                return false;
            }

            duration += TimeSpan.FromMilliseconds(milliseconds);
            any = true;
        }

        return any;
    }
}
